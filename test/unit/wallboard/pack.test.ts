/**
 * Packing frames for screens: the server deflates a big frame once (server/wallboard/
 * pack.ts), the client inflates it (shared/packed.ts, fflate): what a screen unpacks is
 * the frame that was packed, and small frames go as they are.
 */
import { describe, expect, it } from 'vitest';
import { isPacked, unpack } from '../../../shared/packed.js';
import type { ScreenDelta } from '../../../shared/wallboard.js';
import { PACK_ABOVE_BYTES, packFrame, wireBytes } from '../../../server/wallboard/pack.js';
import { screenDeltaBytes } from '../../../server/wallboard/screen.js';

/** A status delta naming `n` agents, with a name in Chinese (UTF-8 beyond ASCII must survive). */
function statusDelta(n: number): ScreenDelta {
  return {
    seq: 41, at: 1_764_291_603_000, serverTime: 1_764_291_603_120, alerts: [], queues: [],
    agents: Array.from({ length: n }, (_, i) => ({
      agentId: `a${String(i).padStart(5, '0')}`, teamId: `team-${i % 40}`, state: i % 3 === 0 ? 'talking' as const : 'available' as const,
      since: 1_764_291_000_000 + i * 917, ...(i % 7 === 0 && { name: `李娜 ${i}` }),
    })),
  };
}

describe('a frame for screens', () => {
  it('goes as it is while small', () => {
    const small = statusDelta(3);
    const bytes = screenDeltaBytes(small);
    expect(bytes).toBeLessThan(PACK_ABOVE_BYTES);
    const frame = packFrame(small, bytes);
    expect(frame).toBe(small);
    expect(isPacked(frame)).toBe(false);
    expect(unpack(frame)).toBe(small);
    expect(wireBytes(frame, bytes)).toBe(bytes);
  });

  it('is packed when big, to a fraction of its JSON, and unpacks to the same frame', () => {
    const big = statusDelta(3000);
    const json = JSON.stringify(big).length;
    const frame = packFrame(big, screenDeltaBytes(big));
    expect(isPacked(frame)).toBe(true);
    expect(wireBytes(frame, json)).toBeLessThan(json / 4);
    expect(unpack(frame)).toEqual(big);
  });

  it('unpacks from an ArrayBuffer (what a browser is handed) as from a Buffer (Node)', () => {
    const big = statusDelta(500);
    const frame = packFrame(big, 0, 0);
    if (!isPacked(frame)) throw new Error('expected a packed frame');
    const bytes = frame.packed as Uint8Array;
    const arrayBuffer = new Uint8Array(bytes).buffer; // a copy: its own ArrayBuffer, as a browser gets
    expect(unpack<ScreenDelta>({ packed: arrayBuffer })).toEqual(big);
  });

  it('takes the fields set beside the packed bytes over what they hold (a cached snapshot sent later)', () => {
    const frame = packFrame(statusDelta(10), 0, 0);
    expect(unpack<ScreenDelta>({ ...frame, serverTime: 99, seq: 42 })).toMatchObject({ serverTime: 99, seq: 42, at: 1_764_291_603_000 });
  });

  it('refuses bytes that are not a packed frame, rather than giving a screen something else', () => {
    expect(() => unpack<ScreenDelta>({ packed: new Uint8Array([1, 2, 3, 4, 5]) })).toThrow();
    expect(isPacked({ packed: 'text' })).toBe(false);
    expect(isPacked(null)).toBe(false);
  });
});
