/**
 * Property: whatever a feed does within the reorder window (reorder, duplicate, delay,
 * split into odd batches), the floor never throws and ends in exactly the state the
 * perfectly ordered stream gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../shared/events.js';
import { floorEventSchema } from '../../../shared/events.js';
import { T0 } from '../../helpers/engine-harness.js';
import { openFloor, WINDOW } from '../../helpers/floor-harness.js';

const agentId = fc.constantFrom('1001', '1002', '1003');
const callId = fc.constantFrom('c1', 'c2', 'c3', 'c4');
const station = fc.constantFrom('S-1', 'S-2', 'S-3');

/** Any event of the contract over a tiny floor: deliberately not a sensible story. */
const anyEvent = fc.oneof(
  fc.record({ type: fc.constant('agent.login'), agentId, stationId: station, teamId: fc.constantFrom('t1', 't2') }),
  fc.record({ type: fc.constant('agent.logout'), agentId, stationId: station }),
  fc.record({ type: fc.constant('agent.state'), agentId, state: fc.constantFrom('available', 'not_ready'), reason: fc.constantFrom('rest', 'break', undefined) }),
  fc.record({ type: fc.constant('call.offered'), callId, queue: fc.constantFrom('q1', 'q2'), direction: fc.constantFrom('inbound', 'outbound'), numberClass: fc.constantFrom('customer', 'private') }),
  fc.record({ type: fc.constant('call.ringing'), callId, agentId }),
  fc.record({ type: fc.constant('call.answered'), callId, agentId }),
  fc.record({ type: fc.constant('call.hold'), callId, agentId, consent: fc.boolean() }),
  fc.record({ type: fc.constant('call.unhold'), callId, agentId }),
  fc.record({ type: fc.constant('call.transferred'), callId, agentId, target: fc.constantFrom('survey', 'agent', 'queue') }),
  fc.record({ type: fc.constant('call.ended'), callId, releasedBy: fc.constantFrom('customer', 'agent', 'system'), reason: fc.constantFrom('harassment', undefined) }),
  fc.record({ type: fc.constant('wrapup.completed'), callId, agentId, callType: fc.constantFrom('enquiry', undefined), notes: fc.constant('n'), callbackDue: fc.constantFrom(undefined, T0 + 120_000) }),
  fc.record({ type: fc.constant('callback.completed'), callId, agentId }),
  fc.record({ type: fc.constant('transcript.utterance'), callId, speaker: fc.constantFrom('agent', 'customer'), text: fc.constantFrom('您好！1001号很高兴为您服务！', '我不知道', '抱歉') }),
  fc.record({ type: fc.constant('urgent.reported'), agentId, summary: fc.constant('urgent') }),
);

/** A stream with strictly increasing timestamps (gaps up to 20 s, so timers fire in between). */
const stream = fc.array(fc.tuple(anyEvent, fc.integer({ min: 1, max: 20_000 })), { minLength: 1, maxLength: 60 })
  .map((items) => {
    let ts = T0;
    return items.map(([fields, gap], i) => {
      ts += gap;
      const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      return floorEventSchema.parse({ ...clean, id: `p${i}`, ts });
    });
  });

interface Delivery {
  at: number;
  events: FloorEvent[];
}

async function finalState(deliveries: Delivery[], end: number): Promise<string> {
  const { floor, clock } = await openFloor({ clock: undefined });
  for (const d of deliveries.sort((a, b) => a.at - b.at)) {
    clock.set(Math.max(clock.time, d.at));
    await floor.ingest(d.events);
  }
  clock.set(end);
  await floor.tick();
  return floor.stateText();
}

describe('reordering within the window', () => {
  it('never throws and ends in the same state as the ordered stream', async () => {
    await fc.assert(
      fc.asyncProperty(
        stream,
        fc.array(fc.integer({ min: 0, max: WINDOW - 1 }), { minLength: 60, maxLength: 60 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 60, maxLength: 60 }),
        async (events, delays, duplicated, batchSizes) => {
          const end = events[events.length - 1].ts + 10 * 60_000;
          const ordered = await finalState(events.map((e) => ({ at: e.ts, events: [e] })), end);

          // Each event arrives up to WINDOW - 1 ms late, some twice; arrivals are grouped in batches.
          const arrivals = events.flatMap((e, i) => {
            const first = { at: e.ts + delays[i], event: e };
            return duplicated[i] ? [first, { at: e.ts + delays[(i + 7) % 60], event: e }] : [first];
          }).sort((a, b) => a.at - b.at);
          const deliveries: Delivery[] = [];
          for (let i = 0, b = 0; i < arrivals.length; b++) {
            // A batch is sent when its last event is available, and never holds an event
            // past the window (that would be a late event, which the window does not cover).
            const group = [arrivals[i]];
            let oldest = arrivals[i].event.ts;
            while (group.length < batchSizes[b % 60] && i + group.length < arrivals.length) {
              const next = arrivals[i + group.length];
              if (next.at - Math.min(oldest, next.event.ts) >= WINDOW) break;
              oldest = Math.min(oldest, next.event.ts);
              group.push(next);
            }
            deliveries.push({ at: group[group.length - 1].at, events: group.map((g) => g.event) });
            i += group.length;
          }
          const shuffled = await finalState(deliveries, end);
          expect(JSON.parse(shuffled)).toEqual(JSON.parse(ordered));
        },
      ),
      { numRuns: 150 },
    );
  });
});
