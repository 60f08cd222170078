import { describe, expect, it } from 'vitest';
import { loadFactor, localHour } from '../../../server/simulate/demand.js';
import { EventHeap } from '../../../server/simulate/event-heap.js';
import { Random, seedToUint32 } from '../../../server/simulate/random.js';

const draws = (rng: Random, n: number, f: (r: Random) => number): number[] => Array.from({ length: n }, () => f(rng));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('Random', () => {
  it('repeats itself for a seed and differs between seeds, including neighbours and clock-sized seeds', () => {
    expect(draws(new Random(1), 5, (r) => r.next())).toEqual(draws(new Random(1), 5, (r) => r.next()));
    expect(new Random(1).next()).not.toBe(new Random(2).next());
    expect(new Random(1_764_000_000_000).next()).not.toBe(new Random(1_764_000_000_001).next());
    expect(seedToUint32(2 ** 40 + 3)).not.toBe(seedToUint32(3));
    expect(() => new Random(0.5)).toThrow(RangeError);
  });

  it('draws within range', () => {
    const rng = new Random(3);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = rng.int(1, 6);
      expect(Number.isInteger(k) && k >= 1 && k <= 6).toBe(true);
    }
    expect(new Set(draws(rng, 2000, (r) => r.int(1, 6)))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(rng.digits(8)).toMatch(/^\d{8}$/);
    expect(() => rng.pick([])).toThrow();
  });

  it('has the distributions the floor model relies on', () => {
    const rng = new Random(4);
    expect(mean(draws(rng, 20_000, (r) => r.exponential(30)))).toBeCloseTo(30, -0.5);
    expect(median(draws(rng, 20_000, (r) => r.lognormal(150, 0.5)))).toBeGreaterThan(140);
    expect(median(draws(rng, 20_000, (r) => r.lognormal(150, 0.5)))).toBeLessThan(160);
    expect(mean(draws(rng, 20_000, (r) => (r.chance(0.025) ? 1 : 0)))).toBeCloseTo(0.025, 2);
    expect(mean(draws(rng, 20_000, (r) => r.interArrival(1 / 500)))).toBeCloseTo(500, -2);
    expect(rng.interArrival(0)).toBe(Infinity);
    const picks = draws(rng, 10_000, (r) => r.weighted([[0, 3], [1, 1]] as const));
    expect(mean(picks)).toBeCloseTo(0.25, 1);
  });
});

describe('demand curve', () => {
  it('peaks mid-morning and mid-afternoon, dips at lunch, is quiet at night', () => {
    expect(loadFactor(10.25)).toBe(1);
    expect(loadFactor(15.25)).toBeGreaterThan(loadFactor(12.25));
    expect(loadFactor(12.25)).toBeLessThan(loadFactor(10.25));
    expect(loadFactor(3)).toBeLessThan(0.1);
    expect(localHour(Date.parse('2026-11-30T10:30:00+08:00'), 480)).toBeCloseTo(10.5);
  });
});

describe('EventHeap', () => {
  it('pops by time, ties in insertion order', () => {
    const heap = new EventHeap<string>();
    const rng = new Random(9);
    const items = draws(rng, 500, (r) => r.int(0, 50)).map((t, i) => ({ t, i }));
    for (const { t, i } of items) heap.push(t, `${t}:${i}`);
    const out: string[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) out.push(e.item);
    const expected = [...items].sort((a, b) => a.t - b.t || a.i - b.i).map(({ t, i }) => `${t}:${i}`);
    expect(out).toEqual(expected);
    expect(heap.size).toBe(0);
  });
});
