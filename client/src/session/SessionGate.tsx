/**
 * Who may see which page. Until the server has said who we are, nothing; signed out, only
 * the sign-in page; with a password to change, only the password page; the admin pages
 * only for admins, the work pages (schedule, handover, points) for the roles they serve. The server enforces all of this again: this is for showing the
 * right page, not for keeping anything secret.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import type { Me } from '../../../shared/access.js';
import { AdminRoutes, isAdminPath } from '../admin/AdminRoutes.js';
import { Link } from '../components/Link.js';
import { LoadPage, Redirect } from '../components/Redirect.js';
import { StatusScreen } from '../components/StatusScreen.js';
import { AlertsPage } from '../pages/AlertsPage.js';
import { FloorPage } from '../pages/FloorPage.js';
import { PasswordPage } from '../pages/PasswordPage.js';
import { SignInPage } from '../pages/SignInPage.js';
import { useT } from '../i18n/index.js';
import { ackLinkNext, PATHS, queryParam, safeNext, signInPath, withAckLink } from '../routes.js';
import { mayReadHandovers, mayReadPoints, mayReadSchedule } from './page-access.js';
import { useSessionStore } from './session-store.js';

// The work pages load with their first visit: the floor and the desk need none of them.
const SchedulePage = lazy(() => import('../pages/SchedulePage.js').then((m) => ({ default: m.SchedulePage })));
const HandoverPage = lazy(() => import('../pages/HandoverPage.js').then((m) => ({ default: m.HandoverPage })));
const PointsPage = lazy(() => import('../pages/PointsPage.js').then((m) => ({ default: m.PointsPage })));

export function SessionGate({ path }: { path: string }) {
  const state = useSessionStore((s) => s.state);
  const load = useSessionStore((s) => s.load);
  const t = useT();
  useEffect(() => {
    void load();
  }, [load]);

  switch (state.kind) {
    case 'loading':
      return <StatusScreen title="Floorwatch" message={t('page.checkingSession')} />;
    case 'unreachable':
      return (
        <StatusScreen title={t('page.unreachable.title')} message={state.message}>
          <button type="button" className="button button-primary" onClick={() => void load()}>{t('page.tryAgain')}</button>
        </StatusScreen>
      );
    case 'signed-out':
      return path === PATHS.signIn ? <SignInPage notice={state.notice} /> : <Redirect to={signInPath(path)} />;
    case 'signed-in':
      return <SignedInPage me={state.me} path={path} />;
  }
}

function SignedInPage({ me, path }: { me: Me; path: string }) {
  // A first sign-in from an acknowledge link changes the password first, then goes back to the link.
  if (me.mustChangePassword && path !== PATHS.password) return <Redirect to={withAckLink(PATHS.password, queryParam('next'))} />;
  // The admin pages (and their "administrators only" answer) are routed in admin/.
  if (isAdminPath(path)) return <AdminRoutes me={me} path={path} />;
  switch (path) {
    case PATHS.signIn: {
      // Signed in from an acknowledge link's page: back to that page, as the server shows it.
      const ackLink = ackLinkNext(queryParam('next'));
      return ackLink !== undefined ? <LoadPage href={ackLink} /> : <Redirect to={safeNext(queryParam('next'))} />;
    }
    case PATHS.floor:
      return <FloorPage me={me} />;
    case PATHS.password:
      return <PasswordPage me={me} />;
    case PATHS.alerts:
      return <AlertsPage me={me} />;
    case PATHS.schedule:
      return <WorkPage allowed={mayReadSchedule(me.role)}><SchedulePage me={me} /></WorkPage>;
    case PATHS.handover:
      return <WorkPage allowed={mayReadHandovers(me.role)}><HandoverPage me={me} /></WorkPage>;
    case PATHS.points:
      return <WorkPage allowed={mayReadPoints(me.role)}><PointsPage me={me} /></WorkPage>;
    default:
      return (
        <StatusScreen title="Page not found" message={`There is no page at ${path}.`}>
          <Link className="button button-primary" href={PATHS.floor}>Go to the floor</Link>
        </StatusScreen>
      );
  }
}

/** A lazily loaded page for the roles it is for; anyone else is told, not shown an empty page. */
function WorkPage({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  const t = useT();
  if (!allowed) {
    return (
      <StatusScreen title={t('page.denied.title')} message={t('page.denied.message')}>
        <Link className="button button-primary" href={PATHS.floor}>{t('page.goFloor')}</Link>
      </StatusScreen>
    );
  }
  return <Suspense fallback={<StatusScreen title="Floorwatch" message={t('page.loading')} />}>{children}</Suspense>;
}
