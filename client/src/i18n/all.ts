/** Loads every area's catalogue (imported once by main.tsx and by the catalogue test). */
import './messages-common.js';
