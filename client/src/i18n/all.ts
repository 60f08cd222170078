/** Loads every area's catalogue (imported once by main.tsx and by the catalogue test). */
import './messages-common.js';
import './messages-floor.js';
import './messages-adherence.js';
import './messages-alerts.js';
import './messages-tv.js';
import './messages-admin.js';
import './messages-rules.js';
import './messages-auth.js';
import './messages-schedule.js';
import './messages-handover.js';
import './messages-points.js';
import './messages-notify.js';
import './messages-problems.js';
import './messages-schedule-problems.js';
