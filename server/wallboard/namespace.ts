/**
 * The socket.io `/wallboard` namespace: a snapshot on connect, then every floor delta,
 * plus the supervisors' commands. Handlers never throw (an exception in a socket.io
 * listener is uncaught) and tolerate a missing ack.
 */
import { redactDelta, redactSnapshot } from './redact.js';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import type { WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import type { FloorService } from '../floor/types.js';
import type { CommandHandlers, CommandOutcome, Identify } from '../http/command-handlers.js';

export type WallboardNamespace = Namespace<WallboardClientToServer, WallboardServerToClient>;
type WallboardSocket = Socket<WallboardClientToServer, WallboardServerToClient>;

export interface WallboardNamespaceDeps {
  floor: FloorService;
  commands: CommandHandlers;
  identify: Identify;
  logger: Logger;
}

/** Wires the namespace; returns the function that stops the delta broadcast (for close()). */
export function registerWallboardNamespace(nsp: WallboardNamespace, deps: WallboardNamespaceDeps): () => void {
  const { floor, commands, identify, logger } = deps;

  // One subscription for the whole namespace: per-socket listeners would grow with the
  // audience and emit each delta once per listener. socket.io fans it out.
  const unsubscribe = floor.onDelta((delta) => {
    nsp.emit('delta', redactDelta(delta));
  });

  nsp.on('connection', (socket) => {
    const log = logger.child({ ns: '/wallboard', socket: socket.id });
    try {
      socket.emit('snapshot', redactSnapshot(floor.snapshot()));
    } catch (err) {
      // Without a snapshot the client cannot apply deltas: drop it so it reconnects and retries.
      log.error({ err }, 'snapshot failed');
      socket.disconnect(true);
      return;
    }

    socket.on('resync', (ack) => {
      if (typeof ack !== 'function') return;
      try {
        ack(redactSnapshot(floor.snapshot()));
      } catch (err) {
        log.error({ err }, 'resync snapshot failed');
      }
    });

    socket.on('alert:acknowledge', (input, ack) => {
      void answer(socket, ack, (by) => commands.acknowledgeAlert(input, by), log);
    });
    socket.on('alert:resolve', (input, ack) => {
      void answer(socket, ack, (by) => commands.resolveAlert(input, by), log);
    });
    socket.on('hold:approve', (input, ack) => {
      void answer(socket, ack, (by) => commands.approveHold(input, by), log);
    });
  });

  /** Runs a command as the socket's user and acks its result; commands run even without an ack. */
  async function answer<T>(
    socket: WallboardSocket,
    ack: ((result: CommandOutcome<T>['result']) => void) | undefined,
    run: (by: string) => Promise<CommandOutcome<T>>,
    log: Logger,
  ): Promise<void> {
    let result: CommandOutcome<T>['result'];
    try {
      result = (await run(identify(socket))).result;
    } catch (err) {
      // identify() is the only thing here that may throw; the handlers catch the floor's errors.
      log.error({ err }, 'command failed');
      result = { ok: false, error: 'internal error' };
    }
    if (typeof ack !== 'function') return;
    try {
      ack(result);
    } catch (err) {
      log.warn({ err }, 'command ack failed');
    }
  }

  return unsubscribe;
}
