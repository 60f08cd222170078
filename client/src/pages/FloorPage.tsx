/**
 * The live floor for a signed-in person. The link authenticates with the session cookie;
 * if the server refuses it (session ended, signed out everywhere, password to change) the
 * session is asked again, which moves the page to sign-in or the password page. Refused
 * while still signed in (an address whose `?teams=` the person may not see), the page says
 * so in the person's language, under the usual header, with the way to the floor they may see.
 * An address that names no team (`?teams=,,`) is refused by the server like any bad list;
 * one naming a team the floor does not know is shown with a line that says so.
 *
 * The page starts with a "skip to alerts" link, seen only while it has the keyboard's
 * focus: the first Tab reaches it, Enter moves focus to the open alerts, past the header,
 * the figures and every agent tile.
 */
import { useState, type MouseEvent } from 'react';
import type { Me } from '../../../shared/access.js';
import { AccountMenu } from '../components/AccountMenu.js';
import { ALERT_STRIP_ID } from '../components/AlertStrip.js';
import { FloorShell } from '../components/FloorShell.js';
import { Link } from '../components/Link.js';
import { PageShell } from '../components/PageShell.js';
import { SiteNav } from '../components/SiteNav.js';
import type { LinkRefusal } from '../connection.js';
import { floorRefusalKind } from '../floor/refusal.js';
import { FloorScopeNotice } from '../floor/ScopeNotice.js';
import { useT } from '../i18n/index.js';
import { usePageTitle } from '../page-title.js';
import { PATHS, scopeTeams, useQueryParam } from '../routes.js';
import { SESSION_ENDED, useSessionStore } from '../session/session-store.js';
import { useFloorStore } from '../store/floor-store.js';
import { useFloorLink } from '../use-floor-link.js';

const SESSION = { kind: 'session' } as const;

export function FloorPage({ me }: { me: Me }) {
  const t = useT();
  usePageTitle(t('nav.floor'));
  // The address's scope, watched: following the refusal's link to `/` drops it and reconnects.
  const scope = useQueryParam('teams');
  const [refusal, setRefusal] = useState<{ reason: string; problem?: LinkRefusal; scope: string | null } | null>(null);

  useFloorLink(SESSION, (reason, problem) => {
    void (async () => {
      const session = useSessionStore.getState();
      await session.load(SESSION_ENDED);
      const after = useSessionStore.getState().state;
      // Still signed in as far as HTTP knows, yet refused: retrying would only loop.
      if (after.kind === 'signed-in' && !after.me.mustChangePassword) setRefusal({ reason, problem, scope });
    })();
  }, scopeTeams());

  if (refusal !== null && refusal.scope === scope) return <FloorRefused me={me} reason={refusal.reason} problem={refusal.problem} />;
  return (
    <>
      <SkipToAlerts />
      <FloorShell
        interactive
        headerEnd={<><SiteNav me={me} /><AccountMenu me={me} /></>}
        notice={<FloorScopeNotice teams={scopeTeams()} ownTeams={me.teams.length > 0} />}
      />
    </>
  );
}

/**
 * The keyboard's way past the agent grid: focus goes to the alert strip (its section takes
 * focus, components/AlertStrip.tsx) without changing the address. Shown once the floor is
 * there; before that there is nothing to skip.
 */
function SkipToAlerts() {
  const t = useT();
  const hasFloor = useFloorStore((s) => s.floor !== null);
  if (!hasFloor) return null;
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    document.getElementById(ALERT_STRIP_ID)?.focus();
  };
  return <a className="skip-link" href={`#${ALERT_STRIP_ID}`} onClick={skip}>{t('floor.skipToAlerts')}</a>;
}

/** Why the floor is not shown, and where to go instead. */
function FloorRefused({ me, reason, problem }: { me: Me; reason: string; problem?: LinkRefusal }) {
  const t = useT();
  const asked = scopeTeams();
  // By the refusal's code (floor/refusal.ts); `reason`, the server's English, is only shown.
  const kind = floorRefusalKind(problem, asked !== undefined);
  const byScope = asked !== undefined && kind !== 'other';
  const invisible = byScope && kind === 'teams';
  const ownTeams = me.teams.length > 0 ? me.teams.join(', ') : null;
  return (
    <PageShell me={me} title={invisible ? t('floor.refused.teams.title') : byScope ? t('floor.refused.badTeams.title') : t('floor.refused.title')}>
      <section className="panel floor-refused" role="alert">
        <p className="floor-refused-message">
          {invisible
            ? t('floor.refused.teams.detail', { teams: asked.join(', ') })
            : byScope ? t('floor.refused.badTeams.detail', { reason }) : t('floor.refused.detail', { reason })}
        </p>
        {byScope && (
          <p className="floor-refused-message">
            {ownTeams !== null ? t('floor.refused.yourTeams', { teams: ownTeams }) : t('floor.refused.allTeams')}
          </p>
        )}
        <div className="form-actions">
          {asked !== undefined && (
            <Link className="button button-primary" href={PATHS.floor}>
              {ownTeams !== null ? t('floor.refused.showMine') : t('floor.refused.showAll')}
            </Link>
          )}
          {!byScope && (
            <button type="button" className={`button ${asked === undefined ? 'button-primary' : 'button-quiet'}`} onClick={() => location.reload()}>
              {t('floor.refused.reload')}
            </button>
          )}
        </div>
      </section>
    </PageShell>
  );
}
