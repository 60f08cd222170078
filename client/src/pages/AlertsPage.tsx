/**
 * `/alerts`: the shift lead's alert desk. The open alerts of their teams (the server
 * sends a lead only theirs), most severe and oldest first, to acknowledge, resolve or
 * approve a longer hold from; an opt-in alarm for critical ones; today's history.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '../../../shared/access.js';
import { useDoneText, type DoneMessage } from '../alerts/AlertCard.js';
import { AlertHistory } from '../alerts/AlertHistory.js';
import { AlertList } from '../alerts/AlertList.js';
import {
  askForNotifications, notificationState, primeAudio, readAlarmChoice, ruleName, saveAlarmChoice, useCriticalAlarm,
  type NotificationState,
} from '../alerts/critical-alarm.js';
import { useBoardAlerts, useCentreDay, useCentreTimezone, useClosedAlertChanges, useConnectionKind, useHasFloor } from '../alerts/floor-read.js';
import '../alerts/alerts.css';
import { AccountMenu } from '../components/AccountMenu.js';
import { ConnectionBanner } from '../components/ConnectionBanner.js';
import { ConnectionState } from '../components/ConnectionState.js';
import { Header, LanguageSwitch } from '../components/Header.js';
import { SiteNav } from '../components/SiteNav.js';
import { useT } from '../i18n/index.js';
import { usePageTitle } from '../page-title.js';
import { SESSION_ENDED, useSessionStore } from '../session/session-store.js';
import { useFloorLink } from '../use-floor-link.js';

const SESSION = { kind: 'session' } as const;

export function AlertsPage({ me }: { me: Me }) {
  const t = useT();
  usePageTitle(t('alerts.pageTitle'));
  useFloorLink(SESSION, () => {
    // Refused: ask the session again, which moves the page to sign-in if it has ended.
    void useSessionStore.getState().load(SESSION_ENDED);
  });

  const alerts = useBoardAlerts();
  const hasFloor = useHasFloor();
  const connection = useConnectionKind();
  const day = useCentreDay();
  const timezone = useCentreTimezone();
  // What was done, kept as a message key: put in words at render, in the language of the moment.
  const [announcement, setAnnouncement] = useState<DoneMessage | null>(null);
  const doneText = useDoneText();
  const [actions, setActions] = useState(0);

  const [alarm, setAlarm] = useState(readAlarmChoice);
  const [permission, setPermission] = useState<NotificationState>(notificationState);
  useCriticalAlarm(alerts, alarm, hasFloor, (a) => t('alerts.notify.title', { rule: ruleName(a) }));

  // A handover's link names one alert (`/alerts#alert-…`): bring it into view once it has arrived.
  const scrolled = useRef(false);
  useEffect(() => {
    if (scrolled.current || location.hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target === null) return;
    scrolled.current = true;
    target.scrollIntoView?.({ block: 'center' });
  }, [alerts]);

  // Fetch the history again whenever an alert changes status (or leaves: resolved), or a
  // closed one changes (a false alarm marked on it by someone else).
  const statusKey = useMemo(() => alerts.map((a) => `${a.id}:${a.status}`).sort().join(','), [alerts]);
  const closedChanges = useClosedAlertChanges();

  const onDone = (done: DoneMessage) => {
    setAnnouncement(done);
    setActions((n) => n + 1);
  };

  return (
    <div className={`app desk${connection === 'down' ? ' is-stale' : ''}`}>
      <Header>
        <ConnectionState />
        <LanguageSwitch />
        <SiteNav me={me} />
        <AccountMenu me={me} />
      </Header>
      <ConnectionBanner />
      <main className="desk-main" aria-labelledby="desk-title">
        <div className="desk-top">
          <h2 id="desk-title" className="page-title">{t('alerts.pageTitle')}</h2>
          <div className="desk-alarm">
            <label className="desk-alarm-toggle">
              <input
                type="checkbox"
                checked={alarm}
                onChange={(e) => {
                  const on = e.target.checked;
                  setAlarm(on);
                  saveAlarmChoice(on);
                  if (on) {
                    primeAudio();
                    void askForNotifications().then(setPermission);
                  }
                }}
              />
              {t('alerts.notify.label')}
            </label>
            {alarm && permission === 'denied' && <p className="desk-hint">{t('alerts.notify.denied')}</p>}
            {alarm && permission === 'unsupported' && <p className="desk-hint">{t('alerts.notify.unsupported')}</p>}
          </div>
        </div>
        <p className="desk-announcement" role="status" aria-live="polite">{announcement === null ? '' : doneText(announcement)}</p>
        <div className="desk-columns">
          <AlertList alerts={alerts} onDone={onDone} connecting={!hasFloor} />
          <AlertHistory day={day} timezone={timezone} live={alerts} refreshKey={`${statusKey}|${closedChanges}|${actions}`} onDone={onDone} />
        </div>
      </main>
    </div>
  );
}
