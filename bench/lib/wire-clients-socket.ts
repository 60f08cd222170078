/**
 * One wallboard speaking socket.io's protocol on a bare WebSocket (engine.io v4, no
 * polling, no upgrade), with just what a screen needs to stay connected:
 *   server `0{...}` (engine.io open)        -> send `40/wallboard,` (join the namespace; with the handshake auth, if any)
 *   server `40/wallboard,{...}`             -> in the namespace; the snapshot follows
 *   server `2` (engine.io ping)             -> send `3` (pong), or the server drops us
 *   server `42/wallboard,["snapshot",...]`  -> the first one makes the screen ready
 *   server `42/wallboard,["delta",...]`     -> handed on raw, never decoded here
 *   server `451-/wallboard,["delta",{"packed":{"_placeholder":...}}]`, then one binary
 *     message (a packed delta or snapshot, shared/packed.ts) -> inflated (once per process
 *     for the same bytes: SharedInflater), handed on as JSON
 *   server `44/wallboard,{...}`             -> connect error (e.g. not signed in)
 *   after deltas and snapshots              -> send `42/wallboard,["read",<seq>]` when Floorwatch's client
 *                                              would (shared/read-receipts.ts)
 *   server `41/wallboard,` or `1`, or a close we did not ask for -> dropped by the server
 * On the main namespace `/` (the bare baseline) packets name no namespace (`40`, `42[...]`),
 * and a client is ready once connected: that server sends no snapshot.
 */
import WebSocket from 'ws';
import { readReceipts } from '../../shared/read-receipts.js';
import { SharedInflater, seqOf, startsWith } from './wire-clients-frame.js';

/** One per process: the screens of a process inflate each packed frame once (SharedInflater says why). */
const inflater = new SharedInflater();

const OPEN = Buffer.from('0{');
const PING = Buffer.from('2');
const ENGINE_CLOSE = Buffer.from('1');
const DELTA = Buffer.from('["delta",');
const SNAPSHOT = Buffer.from('["snapshot",');

/** The socket.io packet prefixes of one namespace. */
function packets(namespace: string) {
  const nsp = namespace === '/' ? '' : `${namespace},`;
  return {
    connect: `40${nsp}`,
    connected: Buffer.from(`40${nsp}`),
    disconnected: Buffer.from(`41${nsp}`),
    connectError: Buffer.from(`44${nsp}`),
    event: Buffer.from(`42${nsp}`),
    /** A binary event with one attachment (socket.io `5`, `1-`): a packed frame. */
    packedEvent: Buffer.from(`451-${nsp}`),
  };
}

export type FrameKind = 'delta' | 'snapshot';

export interface WireWallboardHandlers {
  /** A delta or a catch-up snapshot (not the first snapshot), raw, stamped on arrival. */
  onFrame(kind: FrameKind, frame: Buffer, at: number): void;
  /** The server ended the connection (not our close()). */
  onDropped(): void;
}

export interface WireWallboard {
  close(): void;
}

/** Epoch ms with sub-ms precision, the same clock in every process (parent and children). */
export const wireClock = (): number => performance.timeOrigin + performance.now();

export interface WireWallboardOptions {
  /** The session's cookie header (Floorwatch); none for the bare baseline. */
  cookie?: string;
  /** The handshake's auth, e.g. `{ teams }`. */
  auth?: object;
  /** Default `/wallboard` (ready at its first snapshot); `/` is ready once connected. */
  namespace?: string;
}

/** Connects one wallboard; resolves when it is ready (see WireWallboardOptions.namespace). */
export function openWireWallboard(url: string, handlers: WireWallboardHandlers, options: WireWallboardOptions = {}): Promise<WireWallboard> {
  const wsUrl = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const { auth } = options;
  const namespace = options.namespace ?? '/wallboard';
  const { connect, connected, disconnected, connectError, event, packedEvent } = packets(namespace);
  const readyOnConnect = namespace === '/';
  const ws = new WebSocket(wsUrl, {
    ...(options.cookie !== undefined && { headers: { cookie: options.cookie } }),
    // Checking that text is UTF-8 is the screen's cost, like decoding; the server's
    // output is what is measured, so the bench skips it.
    skipUTF8Validation: true,
  });
  let ready = false;
  let closing = false;
  let dropped = false;
  const drop = (): void => {
    if (closing || dropped) return;
    dropped = true;
    handlers.onDropped();
  };

  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      closing = true;
      ws.terminate();
      reject(new Error(`wallboard ${wsUrl}: ${reason}`));
    };
    const wallboard: WireWallboard = {
      close() {
        closing = true;
        ws.close();
      },
    };
    /** The frame whose packed bytes come in the next (binary) message, and its header (which holds a snapshot's serverTime). */
    let packedNext: { kind: FrameKind; header: Buffer } | undefined;
    // From these the server counts what this screen has not read yet (server/wallboard/sent-log.ts).
    const receipts = readReceipts((seq) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(`${event.toString()}["read",${seq}]`);
    }, { set: (run, ms) => setTimeout(run, ms), clear: (handle) => clearTimeout(handle as NodeJS.Timeout) });
    const frame = (kind: FrameKind, data: Buffer, at: number, packed = false): void => {
      if (namespace !== '/') {
        const seq = seqOf(data);
        if (Number.isFinite(seq)) receipts.took(seq, packed || kind === 'snapshot');
      }
      if (ready) handlers.onFrame(kind, data, at);
      else if (kind === 'snapshot') {
        ready = true;
        resolve(wallboard);
      }
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const at = wireClock();
      if (isBinary) {
        if (packedNext === undefined) return;
        const { kind, header } = packedNext;
        packedNext = undefined;
        // The first snapshot is not read (as a plain one is not).
        if (!ready) frame(kind, header, at, true);
        else frame(kind, kind === 'snapshot' ? Buffer.concat([header, inflater.inflate(data)]) : inflater.inflate(data), at, true);
      } else if (startsWith(data, event)) {
        if (startsWith(data, DELTA, event.length)) frame('delta', data, at);
        else if (startsWith(data, SNAPSHOT, event.length)) frame('snapshot', data, at);
      } else if (startsWith(data, packedEvent)) {
        if (startsWith(data, DELTA, packedEvent.length)) packedNext = { kind: 'delta', header: data };
        else if (startsWith(data, SNAPSHOT, packedEvent.length)) packedNext = { kind: 'snapshot', header: data };
      } else if (data.length === 1 && data[0] === PING[0]) ws.send('3');
      else if (startsWith(data, OPEN)) ws.send(`${connect}${auth === undefined ? '' : JSON.stringify(auth)}`);
      else if (startsWith(data, connected)) {
        // Joined: Floorwatch's snapshot follows; the bare baseline's clients are ready now.
        if (readyOnConnect && !ready) {
          ready = true;
          resolve(wallboard);
        }
      } else if (startsWith(data, connectError)) fail(`connect error ${data.toString()}`);
      else if (startsWith(data, disconnected) || (data.length === 1 && data[0] === ENGINE_CLOSE[0])) {
        drop();
        ws.terminate();
      }
    });
    ws.on('error', (err) => {
      if (!ready) fail(err.message);
    });
    ws.on('close', (code) => {
      if (!ready) fail(`closed (${code}) before the first snapshot`);
      else drop();
    });
  });
}
