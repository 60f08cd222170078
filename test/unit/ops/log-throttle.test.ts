import { describe, expect, it } from 'vitest';
import { createLogThrottle } from '../../../server/ops/log-throttle.js';

describe('createLogThrottle', () => {
  it('passes one line per key per period, counting what it held back; keys are bounded', () => {
    let t = 0;
    const throttle = createLogThrottle({ everyMs: 10_000, maxKeys: 2, now: () => t });
    expect(throttle.pass('a')).toEqual({ heldBack: 0 });
    expect(throttle.pass('a')).toBeUndefined();
    expect(throttle.pass('a')).toBeUndefined();
    expect(throttle.pass('b')).toEqual({ heldBack: 0 });
    expect(throttle.pass('c')).toBeUndefined(); // no room while a and b are in their period
    t = 10_000;
    expect(throttle.pass('a')).toEqual({ heldBack: 2 });
    expect(throttle.pass('c')).toEqual({ heldBack: 0 }); // b's period is over: forgotten, room made
  });
});
