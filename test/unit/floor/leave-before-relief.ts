/**
 * Article 79's case on a real floor, shared by the tests of the rule and of its approval:
 * agent 1001 (team A) logs out of seat S-7 at minute 55 of a shift that ends at 60, before
 * 1002, the relief planned on that seat from minute 60, is in. The clock is left at minute
 * 56 with the events taken in; the caller ticks when it wants the no-leaving-post alert.
 */
import type { Floor } from '../../../server/floor/floor.js';
import { ev } from '../../helpers/floor-harness.js';
import type { FakeClock } from '../../helpers/fake-clock.js';
import { min, ms, shift, upsert } from '../engine/plan-harness.js';

export async function leaveBeforeRelief(floor: Floor, clock: FakeClock): Promise<void> {
  await floor.changeSchedule(upsert([
    shift('1001', 0, min(60), { teamId: 'A', stationId: 'S-7' }),
    shift('1002', min(60), min(540), { teamId: 'A', stationId: 'S-7' }),
  ]));
  clock.set(ms(min(56)));
  await floor.ingest([
    ev(0, 'agent.login', { agentId: '1001', stationId: 'S-7', teamId: 'A' }),
    ev(min(55), 'agent.logout', { agentId: '1001', stationId: 'S-7' }),
  ]);
}
