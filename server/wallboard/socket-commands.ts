/**
 * A person's wallboard socket and their session now. A socket holds the viewer of its
 * handshake, but a session can end without a revocation to cut the socket (idle past its
 * expiry, a password past its age): so before a command (and a `resync`, and at the
 * namespace's sweep, session-sweep.ts) the session is resolved again from the handshake's
 * cookie, the check every HTTP request gets, and its refusal (sign in, change the password)
 * returned instead. A paired display keeps its handshake's viewer: revoking its token cuts
 * it (the namespace's onRevoked).
 *
 * Handlers never throw (an exception in a socket.io listener is uncaught) and tolerate a
 * missing ack.
 */
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { problem, type Problem } from '../../shared/problems.js';
import type { Authenticator, Viewer } from '../access/principal.js';
import type { Actor, CommandHandlers, CommandOutcome } from '../http/command-handlers.js';

/** What the session checks need of a socket: who its handshake said it was, and the handshake. */
export interface SessionSocket {
  data: { viewer: Viewer };
  handshake: Parameters<Authenticator['viewerFromHandshake']>[0];
}

/** A wallboard socket, as far as its commands go. */
export type CommandSocket = Socket<WallboardClientToServer, WallboardServerToClient, Record<string, never>, { viewer: Viewer }>;

/**
 * The socket's viewer now: a person's session resolved again (the same session, not
 * another one the browser has since), with the role and teams the account has now; or the
 * refusal its screen is sent to sign in (or change the password) by. `use`: a command is the
 * person using the site, and keeps the session alive as a request does; a resync or the
 * sweep only checks (a desk that only watches still idles out).
 */
export async function viewerNow(auth: Authenticator, socket: SessionSocket, { use }: { use: boolean }): Promise<Viewer | Problem> {
  const held = socket.data.viewer;
  const viewer = held.kind === 'user' ? await auth.viewerFromHandshake(socket.handshake, { use }) : held;
  const same = viewer !== null && viewer.kind === held.kind && viewer.id === held.id
    && (viewer.kind !== 'user' || (held.kind === 'user' && viewer.sessionId === held.sessionId));
  if (!same) return problem('signInRequired');
  if (viewer.kind === 'user' && viewer.mustChangePassword) return problem('changePasswordFirst');
  return viewer;
}

/** Who gives a command now (viewerNow), from this address. */
export async function actorNow(auth: Authenticator, socket: SessionSocket, ip: string | undefined): Promise<Actor | Problem> {
  const viewer = await viewerNow(auth, socket, { use: true });
  if (!('kind' in viewer)) return viewer;
  return { viewer, ...(ip !== undefined && { ip }) };
}

/** Answers the commands the socket's screen may give, each as its viewer now (answer). */
export function answerCommands(
  socket: CommandSocket,
  deps: { commands: CommandHandlers; auth: Authenticator; ip: string | undefined; log: Logger },
): void {
  const { commands } = deps;
  socket.on('alert:acknowledge', (input, ack) => {
    void answer(socket, deps, ack, (actor) => commands.acknowledgeAlert(input, actor));
  });
  socket.on('alert:resolve', (input, ack) => {
    void answer(socket, deps, ack, (actor) => commands.resolveAlert(input, actor));
  });
  socket.on('alert:escalate', (input, ack) => {
    void answer(socket, deps, ack, (actor) => commands.escalateAlert(input, actor));
  });
  socket.on('hold:approve', (input, ack) => {
    void answer(socket, deps, ack, (actor) => commands.approveHold(input, actor));
  });
}

/**
 * Runs a command as the socket's viewer now (actorNow) and acks its result; commands run
 * even without an ack. A socket whose session no longer holds is told why and cut, so the
 * screen goes to sign in (its reconnection is refused the same way).
 */
export async function answer<T>(
  socket: SessionSocket & { disconnect(close: boolean): unknown },
  { auth, ip, log }: { auth: Authenticator; ip: string | undefined; log: Logger },
  ack: ((result: CommandOutcome<T>['result']) => void) | undefined,
  run: (actor: Actor) => Promise<CommandOutcome<T>>,
): Promise<void> {
  let result: CommandOutcome<T>['result'];
  let lapsed = false;
  try {
    const actor = await actorNow(auth, socket, ip);
    lapsed = !('viewer' in actor);
    result = 'viewer' in actor ? (await run(actor)).result : { ok: false, ...actor };
  } catch (err) {
    log.error({ err }, 'command failed');
    result = { ok: false, ...problem('internal') };
  }
  if (lapsed) log.info({ code: result.ok ? undefined : result.code }, 'command from a socket whose session lapsed: refused, socket cut');
  try {
    if (typeof ack === 'function') ack(result);
  } catch (err) {
    log.warn({ err }, 'command ack failed');
  }
  // After the ack, which socket.io writes out before it closes the connection.
  if (lapsed) socket.disconnect(true);
}
