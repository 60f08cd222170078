/**
 * The live floor for a signed-in person. The link authenticates with the session cookie;
 * if the server refuses it (session ended, signed out everywhere, password to change) the
 * session is asked again, which moves the page to sign-in or the password page.
 */
import { useState } from 'react';
import type { Me } from '../../../shared/access.js';
import { AccountMenu } from '../components/AccountMenu.js';
import { FloorShell } from '../components/FloorShell.js';
import { SiteNav } from '../components/SiteNav.js';
import { StatusScreen } from '../components/StatusScreen.js';
import { usePageTitle } from '../page-title.js';
import { scopeTeams } from '../routes.js';
import { SESSION_ENDED, useSessionStore } from '../session/session-store.js';
import { useFloorLink } from '../use-floor-link.js';

const SESSION = { kind: 'session' } as const;

export function FloorPage({ me }: { me: Me }) {
  usePageTitle('Floor');
  const [refusal, setRefusal] = useState<string | null>(null);

  useFloorLink(SESSION, (reason) => {
    void (async () => {
      const session = useSessionStore.getState();
      await session.load(SESSION_ENDED);
      const after = useSessionStore.getState().state;
      // Still signed in as far as HTTP knows, yet refused: retrying would only loop.
      if (after.kind === 'signed-in' && !after.me.mustChangePassword) setRefusal(reason);
    })();
  }, scopeTeams());

  if (refusal !== null) {
    return (
      <StatusScreen title="No access to the floor" message={`The server refused the floor connection (${refusal}).`}>
        <button type="button" className="button button-primary" onClick={() => location.reload()}>Reload</button>
      </StatusScreen>
    );
  }
  return <FloorShell interactive headerEnd={<><SiteNav me={me} /><AccountMenu me={me} /></>} />;
}
