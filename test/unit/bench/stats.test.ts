import { describe, expect, it } from 'vitest';
import { lowerEnvelope, slope } from '../../../bench/lib/stats.js';

describe('lowerEnvelope', () => {
  it('keeps the lowest reading of each window, so spikes between do not tilt the trend', () => {
    // Flat at 600 with a spike of 700 in every other window: the envelope is flat.
    const points = Array.from({ length: 40 }, (_, i) => ({ x: i / 4, y: 600 + (i % 8 === 3 ? 700 : i % 3) }));
    const low = lowerEnvelope(points, 1);
    expect(low).toHaveLength(10);
    expect(low.every((p) => p.y === 600)).toBe(true);
    expect(slope(low)).toBe(0);
    // The raw series' slope depends on where the spikes fall; here they tilt it upwards.
    expect(slope(points)).not.toBe(0);
  });

  it('follows a real rise, skips unreadable samples and keeps windows in order', () => {
    const points = [
      { x: 2.5, y: 30 }, { x: 0.1, y: 10 }, { x: 0.9, y: Number.NaN }, { x: 1.2, y: 25 }, { x: 1.7, y: 20 }, { x: 2.2, y: 31 },
    ];
    expect(lowerEnvelope(points, 1)).toEqual([{ x: 0.1, y: 10 }, { x: 1.7, y: 20 }, { x: 2.5, y: 30 }]);
    expect(slope(lowerEnvelope(points, 1))).toBeGreaterThan(0);
  });
});
