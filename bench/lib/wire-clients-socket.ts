/**
 * One wallboard speaking socket.io's protocol on a bare WebSocket (engine.io v4, no
 * polling, no upgrade), with just what a screen needs to stay connected:
 *   server `0{...}` (engine.io open)        -> send `40/wallboard,` (join the namespace; with the handshake auth, if any)
 *   server `40/wallboard,{...}`             -> in the namespace; the snapshot follows
 *   server `2` (engine.io ping)             -> send `3` (pong), or the server drops us
 *   server `42/wallboard,["snapshot",...]`  -> the first one makes the screen ready
 *   server `42/wallboard,["delta",...]`     -> handed on raw, never decoded here
 *   server `44/wallboard,{...}`             -> connect error (e.g. not signed in)
 *   server `41/wallboard,` or `1`, or a close we did not ask for -> dropped by the server
 */
import WebSocket from 'ws';
import { startsWith } from './wire-clients-frame.js';

const NAMESPACE = '/wallboard';
const OPEN = Buffer.from('0{');
const PING = Buffer.from('2');
const ENGINE_CLOSE = Buffer.from('1');
const CONNECTED = Buffer.from(`40${NAMESPACE},`);
const DISCONNECTED = Buffer.from(`41${NAMESPACE},`);
const CONNECT_ERROR = Buffer.from(`44${NAMESPACE},`);
const EVENT = Buffer.from(`42${NAMESPACE},`);
const DELTA = Buffer.from('["delta",');
const SNAPSHOT = Buffer.from('["snapshot",');

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

/** Connects one wallboard (`auth`: the handshake's, e.g. `{ teams }`); resolves when its first snapshot arrived. */
export function openWireWallboard(url: string, cookie: string, handlers: WireWallboardHandlers, auth?: object): Promise<WireWallboard> {
  const wsUrl = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const ws = new WebSocket(wsUrl, {
    headers: { cookie },
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
    ws.on('message', (data: Buffer) => {
      const at = wireClock();
      if (startsWith(data, EVENT)) {
        if (startsWith(data, DELTA, EVENT.length)) {
          if (ready) handlers.onFrame('delta', data, at);
        } else if (startsWith(data, SNAPSHOT, EVENT.length)) {
          if (ready) handlers.onFrame('snapshot', data, at);
          else {
            ready = true;
            resolve(wallboard);
          }
        }
      } else if (data.length === 1 && data[0] === PING[0]) ws.send('3');
      else if (startsWith(data, OPEN)) ws.send(`40${NAMESPACE},${auth === undefined ? '' : JSON.stringify(auth)}`);
      else if (startsWith(data, CONNECTED)) { /* joined; the snapshot follows */ }
      else if (startsWith(data, CONNECT_ERROR)) fail(`connect error ${data.toString()}`);
      else if (startsWith(data, DISCONNECTED) || (data.length === 1 && data[0] === ENGINE_CLOSE[0])) {
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
