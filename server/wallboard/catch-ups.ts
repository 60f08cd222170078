/**
 * Catch-up snapshots, sent in batches: the sockets of one audience that drain in the same
 * turn of the event loop get one snapshot, encoded once for all of them. A floor's
 * snapshot is megabytes (6,000 agents with their alerts and compliance: 6 MB); emitted
 * socket by socket it was encoded, and held in each socket's write queue, once per socket:
 * 200 screens catching up under overload were what the server held when it ran out of heap.
 */

export interface CatchUpSocket {
  id: string;
  connected: boolean;
}

export interface CatchUps<S extends CatchUpSocket> {
  /** Queues a catch-up for `socket` of the audience `audienceKey`; sent at the end of this turn. */
  add(socket: S, audienceKey: string): void;
}

/**
 * `send` gets the still-connected sockets of one audience, once per audience per batch.
 * `defer` runs the batch (setImmediate; tests pass their own).
 */
export function batchCatchUps<S extends CatchUpSocket>(
  send: (audienceKey: string, sockets: S[]) => void,
  defer: (run: () => void) => void = (run) => { setImmediate(run); },
): CatchUps<S> {
  let pending: Map<string, Set<S>> | undefined;
  const flush = (): void => {
    const batch = pending!;
    pending = undefined;
    for (const [key, sockets] of batch) {
      const connected = [...sockets].filter((s) => s.connected);
      if (connected.length > 0) send(key, connected);
    }
  };
  return {
    add(socket, audienceKey) {
      if (pending === undefined) {
        pending = new Map();
        defer(flush);
      }
      const sockets = pending.get(audienceKey) ?? new Set<S>();
      sockets.add(socket);
      pending.set(audienceKey, sockets);
    },
  };
}
