/**
 * Revocations across the processes of a floor. Signing a user out, revoking a display or
 * a feed token happens on one process, and its access service tells that process's
 * namespaces, which disconnect the sockets concerned at once. In a cluster the sockets may
 * be on any process: each revocation is also sent to the others (the socket.io adapter's
 * server-to-server channel), and the ones they send arrive here as if made locally.
 *
 * HTTP needs none of this: every request checks the shared access store.
 */
import type { Authenticator, Revocation } from '../access/principal.js';
import type { ClusterMessages } from './socket-adapter.js';

export function clusterRevocations(auth: Authenticator, messages: ClusterMessages): Authenticator {
  auth.onRevoked((r) => messages.revoked(r));
  const remote = new Set<(r: Revocation) => void>();
  messages.onRevoked((r) => {
    for (const listener of remote) listener(r);
  });
  return {
    viewerFromRequest: (req) => auth.viewerFromRequest(req),
    viewerFromHandshake: (handshake, options) => auth.viewerFromHandshake(handshake, options),
    feedFromToken: (token) => auth.feedFromToken(token),
    onRevoked(listener) {
      const local = auth.onRevoked(listener);
      remote.add(listener);
      return () => {
        local();
        remote.delete(listener);
      };
    },
  };
}
