/**
 * A tick that fires tens of thousands of deadlines at once (a big floor's server restarting
 * after being down while calls rang): every alert it opens is stored. Collected with
 * `push(...effects)`, 60,000 effects overflowed the stack and the tick's alerts were lost.
 */
import { describe, expect, it } from 'vitest';
import { floorEventSchema, type FloorEvent } from '../../../shared/events.js';
import { T0 } from '../../helpers/engine-harness.js';
import { openFloor, WINDOW } from '../../helpers/floor-harness.js';

const CALLS = 70_000;

describe('a tick that opens a burst of alerts', () => {
  it(`stores all ${CALLS.toLocaleString('en')} of them`, async () => {
    const { floor, clock, storage } = await openFloor();
    const events: FloorEvent[] = [];
    for (let i = 0; i < CALLS; i++) {
      const callId = `c${i}`;
      const agentId = `a${i}`;
      events.push(floorEventSchema.parse({ id: `o${i}`, ts: T0, type: 'call.offered', callId, queue: 'q', direction: 'inbound' }));
      events.push(floorEventSchema.parse({ id: `r${i}`, ts: T0, type: 'call.ringing', callId, agentId }));
    }
    clock.set(T0 + 1000);
    await floor.ingest(events);
    // Every call has rung past 10 s by this tick: each one's ring alert opens in it.
    clock.set(T0 + 11_000 + WINDOW);
    await floor.tick();
    // Each call's alert by its id (a list stops at 10,000).
    const ids = new Set<string>();
    for (let i = 1; i <= CALLS; i++) {
      const alert = await storage.alerts.get(`al-${i}`);
      if (alert?.rule === 'answer-3-rings' && alert.status === 'open' && alert.callId !== undefined) ids.add(alert.callId);
    }
    expect(ids.size).toBe(CALLS);
  });
});
