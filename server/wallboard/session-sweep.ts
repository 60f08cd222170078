/**
 * The sockets of people whose session lapsed without a revocation (idle past its expiry, a
 * password past its age, a session ended another way), found within a minute: a desk that
 * only watches gives no command to be checked at (socket-commands.ts), and would otherwise
 * go on being sent the floor. Once a minute each person's socket has its session resolved
 * again (viewerNow); one that no longer resolves is cut, and its screen's reconnection is
 * refused with the reason (sign in, change the password). Paired displays are not swept:
 * revoking a display's token cuts it at once (the namespace's onRevoked).
 */
import type { Logger } from 'pino';
import type { Authenticator } from '../access/principal.js';
import { viewerNow, type SessionSocket } from './socket-commands.js';

/** How often the sessions of the sockets are checked. */
export const SESSION_SWEEP_MS = 60_000;

/** Runs `run` every `ms`; returns what stops it. */
export type Every = (run: () => void, ms: number) => () => void;

/** setInterval, unref'd: the sweep never keeps the process alive. */
export const everyUnref: Every = (run, ms) => {
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export interface SweptSocket extends SessionSocket {
  connected: boolean;
  disconnect(close: boolean): unknown;
}

/**
 * Checks each connected person's socket once: those of one session share one look-up (a
 * desk with three tabs is one session). A look-up that fails (the store unreachable) cuts
 * nothing: the next sweep asks again. Resolves once every check is done.
 */
export async function sweepSessions(sockets: Iterable<SweptSocket>, auth: Authenticator, logger: Logger): Promise<void> {
  const bySession = new Map<string, SweptSocket[]>();
  for (const socket of sockets) {
    const viewer = socket.data.viewer;
    if (viewer.kind !== 'user' || !socket.connected) continue;
    const same = bySession.get(viewer.sessionId) ?? [];
    same.push(socket);
    bySession.set(viewer.sessionId, same);
  }
  await Promise.all([...bySession.values()].map(async (same) => {
    let now: Awaited<ReturnType<typeof viewerNow>>;
    try {
      now = await viewerNow(auth, same[0]!, { use: false });
    } catch (err) {
      logger.warn({ err }, 'wallboard session sweep: a session could not be checked; its sockets stay until the next sweep');
      return;
    }
    if ('kind' in now) return;
    logger.info({ viewer: same[0]!.data.viewer.id, sockets: same.length, code: now.code }, 'wallboard sockets whose session lapsed: cut');
    for (const socket of same) socket.disconnect(true);
  }));
}

/**
 * Sweeps `sockets()` every `SESSION_SWEEP_MS` (a sweep still running when the next is due
 * is not overlapped); returns what stops it.
 */
export function startSessionSweep(
  sockets: () => Iterable<SweptSocket>,
  auth: Authenticator,
  logger: Logger,
  every: Every = everyUnref,
): () => void {
  let sweeping = false;
  return every(() => {
    if (sweeping) return;
    sweeping = true;
    sweepSessions(sockets(), auth, logger)
      .catch((err: unknown) => logger.error({ err }, 'wallboard session sweep failed'))
      .finally(() => {
        sweeping = false;
      });
  }, SESSION_SWEEP_MS);
}
