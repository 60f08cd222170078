/**
 * The Authenticator (principal.ts): a request or socket handshake becomes a viewer from
 * its session cookie or a device token; a feed's token becomes a feed principal. Device
 * and feed tokens are different records, so neither can stand in for the other (a feed
 * token never shows the floor, a TV's token never ingests). Revoked, expired or unknown
 * credentials are simply no one (null); last-use times are written at most once a minute.
 */
import type { Me } from '../../../shared/access.js';
import { sha256Hex } from '../tokens.js';
import type { Authenticator, Principal, Viewer } from '../principal.js';
import { recordKey, touchDue, type AccessContext } from './context.js';
import { bearerFrom, sessionTokenFrom, type Headers } from './credentials.js';
import { isTokenShaped, type SessionsInternals } from './sessions.js';
import { deviceMe, deviceViewer, userMe, userViewer } from './views.js';

export interface AuthenticatorArea extends Authenticator {
  /** What `GET /api/v1/session` answers for this viewer; null if it is no longer valid. */
  me(viewer: Viewer): Promise<Me | null>;
}

export function createAuthenticator(ctx: AccessContext, sessions: SessionsInternals): AuthenticatorArea {
  const { store, clock, logger } = ctx;

  async function fromSession(token: string, use: boolean): Promise<Viewer | null> {
    const found = await sessions.resolve(token, use);
    if (!found) return null;
    return userViewer(found.account, found.session.id, clock.now(), ctx.passwordMaxAgeMs);
  }

  async function fromDeviceToken(token: unknown): Promise<Viewer | null> {
    if (!isTokenShaped(token)) return null;
    const device = await store.devices.byTokenHash(sha256Hex(token));
    if (!device || device.revokedAt !== undefined) return null;
    const now = clock.now();
    if (touchDue(device.lastSeenAt, now)) {
      await touch(recordKey.device(device.id), async () => {
        // Re-read under the device's queue: writing the copy read above could undo a revocation.
        const fresh = await store.devices.get(device.id);
        if (fresh && fresh.revokedAt === undefined) await store.devices.update({ ...fresh, lastSeenAt: now });
      });
    }
    return deviceViewer(device);
  }

  /** A failed bookkeeping write must not refuse a valid credential. */
  async function touch(key: string, work: () => Promise<void>): Promise<void> {
    try {
      await ctx.serial(key, work);
    } catch (err) {
      logger.warn({ err, key }, 'could not record last use');
    }
  }

  async function viewer(headers: Headers, deviceToken: unknown, use = true): Promise<Viewer | null> {
    // An explicit device token wins: a TV whose browser once had a person signed in must
    // still get the display's view, never that person's.
    if (deviceToken !== undefined) return fromDeviceToken(deviceToken);
    const sessionToken = sessionTokenFrom(headers);
    return sessionToken === undefined ? null : fromSession(sessionToken, use);
  }

  const authenticator: AuthenticatorArea = {
    viewerFromRequest: (req) => viewer(req.headers, bearerFrom(req.headers)),

    viewerFromHandshake: (handshake, options) => viewer(handshake.headers, handshake.auth?.deviceToken ?? bearerFrom(handshake.headers), options?.use ?? true),

    async feedFromToken(token): Promise<Extract<Principal, { kind: 'feed' }> | null> {
      if (!isTokenShaped(token)) return null;
      const feed = await store.feedTokens.byTokenHash(sha256Hex(token));
      if (!feed || feed.revokedAt !== undefined) return null;
      const now = clock.now();
      if (touchDue(feed.lastUsedAt, now)) {
        await touch(recordKey.feed(feed.id), async () => {
          const fresh = await store.feedTokens.get(feed.id);
          if (fresh && fresh.revokedAt === undefined) await store.feedTokens.update({ ...fresh, lastUsedAt: now });
        });
      }
      return { kind: 'feed', id: feed.id, name: feed.name };
    },

    onRevoked: (listener) => ctx.revocations.on(listener),

    async me(who: Viewer): Promise<Me | null> {
      if (who.kind === 'device') {
        const device = await store.devices.get(who.id);
        return device && device.revokedAt === undefined ? deviceMe(device) : null;
      }
      const account = await store.accounts.get(who.id);
      return account && !account.disabled ? userMe(account, clock.now(), ctx.passwordMaxAgeMs) : null;
    },
  };
  return authenticator;
}
