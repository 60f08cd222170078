/**
 * A big snapshot or delta travels packed: its JSON deflated (raw DEFLATE, RFC 1951) once,
 * as one binary attachment that the server hands to every screen of the audience as it
 * is. A busy 6,000-agent floor's status delta is half a megabyte of JSON and about a
 * fifth of that packed: to 200 screens that was 130 MB of socket writes a second, which
 * held the server's event loop (and every alert behind it) for one to two seconds. Per-
 * connection WebSocket compression would deflate the same bytes once per screen instead.
 *
 * Small frames (most alert deltas) stay plain JSON: packing them saves nothing.
 * The fields beside `packed` are set over what it unpacks to (a cached snapshot is
 * packed once and sent with each screen's own `serverTime`).
 */
import { inflateSync, strFromU8 } from 'fflate';

export interface Packed {
  /** The frame's JSON, UTF-8, deflated (raw). socket.io hands a browser an ArrayBuffer and Node a Buffer. */
  packed: Uint8Array | ArrayBuffer;
  seq?: number;
  serverTime?: number;
}

/** A frame as sent: the value itself, or packed. */
export type MaybePacked<T> = T | Packed;

export function isPacked(frame: unknown): frame is Packed {
  if (typeof frame !== 'object' || frame === null || !('packed' in frame)) return false;
  const { packed } = frame as { packed: unknown };
  return packed instanceof Uint8Array || packed instanceof ArrayBuffer;
}

/** The value a frame holds, unpacked if it was packed (throws on bytes that are not a packed frame). */
export function unpack<T extends object>(frame: MaybePacked<T>): T {
  if (!isPacked(frame)) return frame;
  const { packed, ...outside } = frame;
  const bytes = packed instanceof Uint8Array ? packed : new Uint8Array(packed);
  return { ...(JSON.parse(strFromU8(inflateSync(bytes))) as T), ...outside };
}
