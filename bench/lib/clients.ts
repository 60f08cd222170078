/**
 * Many socket.io clients in the bench process: wallboards on Floorwatch (signed in with
 * the session cookie, waiting for their snapshot), or plain clients of the bare baseline.
 * Both kinds hand every `delta` to one callback, stamped with performance.now() on arrival.
 */
import { io as connect, type Socket } from 'socket.io-client';

export type OnDelta = (delta: unknown, at: number) => void;

export interface ClientSet {
  sockets: Socket[];
  /** Clients the server disconnected (e.g. a missed heartbeat under overload); they do not reconnect. */
  disconnected(): number;
  onDelta(listener: OnDelta): void;
  close(): void;
}

export interface ConnectOptions {
  count: number;
  url: string;
  /** `/wallboard` for Floorwatch; `/` for the bare baseline. */
  namespace: string;
  cookie?: string;
  /** Wait for this event before counting a client as connected (Floorwatch: `snapshot`). */
  readyEvent: 'snapshot' | 'connect';
  /** Connections opened at once. */
  parallel?: number;
}

export async function connectClients(options: ConnectOptions): Promise<ClientSet> {
  const sockets: Socket[] = [];
  let listener: OnDelta = () => {};
  let closing = false;
  let dropped = 0;
  const open = (): Promise<void> => new Promise((resolve, reject) => {
    const socket = connect(`${options.url}${options.namespace}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(options.cookie !== undefined && { extraHeaders: { cookie: options.cookie } }),
    });
    sockets.push(socket);
    socket.on('delta', (delta: unknown) => listener(delta, performance.now()));
    // A screen that fell behind is caught up with a snapshot (server/wallboard/backpressure.ts):
    // what it carries counts as arrived, like a delta's content.
    let ready = false;
    socket.on('snapshot', (snapshot: unknown) => {
      if (ready) listener(snapshot, performance.now());
      ready = true;
    });
    socket.on('disconnect', () => {
      if (!closing) dropped++;
    });
    socket.once(options.readyEvent, () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  const parallel = options.parallel ?? 100;
  for (let i = 0; i < options.count; i += parallel) {
    await Promise.all(Array.from({ length: Math.min(parallel, options.count - i) }, open));
  }
  return {
    sockets,
    disconnected: () => dropped,
    onDelta(next) {
      listener = next;
    },
    close() {
      closing = true;
      for (const s of sockets) s.close();
    },
  };
}
