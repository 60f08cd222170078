/**
 * How big a socket.io message each connection may send, by who it is. engine.io has one
 * limit (`maxHttpBufferSize`) for every connection, and a message is buffered whole before
 * anyone reads it: set to what a feed's batch needs (the ingest body limit, 32 MB), it let
 * anybody who could reach the port, before sending any credential, make the server hold
 * 32 MB per connection. So every connection starts with socket.io's own default (1 MB,
 * far above any screen's message), and one is widened to the server-wide limit only once
 * a feed has authenticated on it (`/ingest`).
 *
 * engine.io has no per-connection setting, so this reaches into two of its parts, each
 * checked by test/integration/socket-frame-limit.test.ts: a long-polling transport's
 * `opts.maxHttpBufferSize` (its own copy, read for each POST) and a WebSocket transport's
 * `ws` receiver limit (read for each frame). Every transport is made by the engine's
 * `createTransport`, the first one and those a connection upgrades to alike.
 */
import type { Server } from 'socket.io';
import type { Logger } from 'pino';

/** socket.io's default limit: what a connection may send before it is known. */
export const UNAUTHENTICATED_FRAME_BYTES = 1_000_000;

interface EngineTransport {
  name: string;
  opts?: { maxHttpBufferSize?: number };
  socket?: { _receiver?: { _maxPayload?: number } };
}

interface EngineInternals {
  createTransport(name: string, req: { _query?: Record<string, string> }): EngineTransport;
}

export interface FrameLimits {
  /** The connection a feed authenticated on may send messages up to the server-wide limit. */
  widen(conn: object): void;
}

/** Sets one transport's limit; false when engine.io or ws no longer has the part it sets. */
function limit(transport: EngineTransport, bytes: number): boolean {
  if (transport.name === 'polling' && transport.opts && typeof transport.opts.maxHttpBufferSize === 'number') {
    transport.opts.maxHttpBufferSize = bytes;
    return true;
  }
  const receiver = transport.socket?._receiver;
  if (transport.name === 'websocket' && receiver && typeof receiver._maxPayload === 'number') {
    receiver._maxPayload = bytes;
    return true;
  }
  return false;
}

export function limitFrames(io: Server, logger: Logger, widest: number): FrameLimits {
  const engine = io.engine as unknown as EngineInternals;
  /** Connections (engine ids) a feed authenticated on. */
  const widened = new Set<string>();
  let warned = false;
  const create = engine.createTransport.bind(engine);
  engine.createTransport = (name, req) => {
    const transport = create(name, req);
    const sid = req._query?.sid;
    const bytes = sid !== undefined && widened.has(sid) ? widest : Math.min(UNAUTHENTICATED_FRAME_BYTES, widest);
    if (!limit(transport, bytes) && !warned) {
      warned = true;
      // Fails open to the one engine-wide limit, as before this existed: say so once.
      logger.warn({ transport: name }, 'socket.io: cannot limit messages per connection with this engine.io; every connection may send up to the ingest body limit');
    }
    return transport;
  };
  return {
    widen(engineSocket) {
      // engine.io's Socket: its id is the `sid` each later transport's request carries.
      const conn = engineSocket as { id: string; transport: EngineTransport; once(event: 'close', listener: () => void): unknown };
      widened.add(conn.id);
      conn.once('close', () => widened.delete(conn.id));
      limit(conn.transport, widest);
    },
  };
}
