/**
 * Packing a frame for screens (shared/packed.ts says why and how): deflated once per
 * audience, however many screens it goes to.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { isPacked, type MaybePacked } from '../../shared/packed.js';

/**
 * Frames about this big as JSON or bigger are packed. Below it deflating costs more than
 * the bytes it saves (an alert or two), and the frame stays readable in a browser's tools.
 */
export const PACK_ABOVE_BYTES = 16 * 1024;

/**
 * `value` packed when `jsonBytes` (its size as JSON, or an estimate) is at least
 * `minBytes`, else as it is. The fastest level: on a status delta it packs to about a
 * fifth, in a few milliseconds; the best level saves a little more for twice the time,
 * and this runs on the event loop.
 */
export function packFrame<T extends object>(value: T, jsonBytes: number, minBytes = PACK_ABOVE_BYTES): MaybePacked<T> {
  if (jsonBytes < minBytes) return value;
  return { packed: deflateRawSync(JSON.stringify(value), { level: constants.Z_BEST_SPEED }) };
}

/** How many bytes a frame puts on the wire (about: a plain frame's is its JSON estimate). */
export function wireBytes(frame: MaybePacked<object>, jsonBytes: number): number {
  return isPacked(frame) ? frame.packed.byteLength : jsonBytes;
}
