/**
 * Who may see which page. Until the server has said who we are, nothing; signed out, only
 * the sign-in page; with a password to change, only the password page; the admin pages
 * only for admins. The server enforces all of this again: this is for showing the
 * right page, not for keeping anything secret.
 */
import { useEffect } from 'react';
import type { Me } from '../../../shared/access.js';
import { AdminRoutes, isAdminPath } from '../admin/AdminRoutes.js';
import { Link } from '../components/Link.js';
import { Redirect } from '../components/Redirect.js';
import { StatusScreen } from '../components/StatusScreen.js';
import { AlertsPage } from '../pages/AlertsPage.js';
import { FloorPage } from '../pages/FloorPage.js';
import { PasswordPage } from '../pages/PasswordPage.js';
import { SignInPage } from '../pages/SignInPage.js';
import { PATHS, queryParam, safeNext, signInPath } from '../routes.js';
import { useSessionStore } from './session-store.js';

export function SessionGate({ path }: { path: string }) {
  const state = useSessionStore((s) => s.state);
  const load = useSessionStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);

  switch (state.kind) {
    case 'loading':
      return <StatusScreen title="Floorwatch" message="Checking who you are…" />;
    case 'unreachable':
      return (
        <StatusScreen title="Cannot reach Floorwatch" message={state.message}>
          <button type="button" className="button button-primary" onClick={() => void load()}>Try again</button>
        </StatusScreen>
      );
    case 'signed-out':
      return path === PATHS.signIn ? <SignInPage notice={state.notice} /> : <Redirect to={signInPath(path)} />;
    case 'signed-in':
      return <SignedInPage me={state.me} path={path} />;
  }
}

function SignedInPage({ me, path }: { me: Me; path: string }) {
  if (me.mustChangePassword && path !== PATHS.password) return <Redirect to={PATHS.password} />;
  // The admin pages (and their "administrators only" answer) are routed in admin/.
  if (isAdminPath(path)) return <AdminRoutes me={me} path={path} />;
  switch (path) {
    case PATHS.signIn:
      return <Redirect to={safeNext(queryParam('next'))} />;
    case PATHS.floor:
      return <FloorPage me={me} />;
    case PATHS.password:
      return <PasswordPage me={me} />;
    case PATHS.alerts:
      return <AlertsPage me={me} />;
    default:
      return (
        <StatusScreen title="Page not found" message={`There is no page at ${path}.`}>
          <Link className="button button-primary" href={PATHS.floor}>Go to the floor</Link>
        </StatusScreen>
      );
  }
}
