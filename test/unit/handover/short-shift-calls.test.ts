/**
 * The shift of the review, on a real floor (memory storage, fake clock): a lead duty
 * 18:49-19:14. Its draft at 18:57 said "呼入 0 接听 0 放弃 0" and at 19:14 counted only
 * 19:00-19:15, while the floor had taken its calls from 18:49 on: only intervals starting
 * inside the shift were counted. The engine keeps figures per 15-minute interval, so the
 * shift is counted by those at least half inside it: 18:45-19:00 and 19:00-19:15.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { LeadShift } from '../../../shared/schedule.js';
import type { Floor } from '../../../server/floor/floor.js';
import { createMemoryHandoverStore } from '../../../server/handover/memory-store.js';
import { createHandoverService, type HandoverService } from '../../../server/handover/service.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { openFloor } from '../../helpers/floor-harness.js';
import { user } from './fixtures.js';
import { feedAt, local } from './scenario.js';

const CHANGE = local('19:14');
const LEADS: LeadShift[] = [
  { id: 'wang-eve', leadId: '9001', account: 'lead.wang', name: 'Wang Fang', teamIds: ['T1'], start: local('18:49'), end: CHANGE },
  { id: 'li-night', leadId: '9002', account: 'lead.li', name: 'Li Lei', teamIds: ['T1'], start: CHANGE, end: local('23:59') },
];
const wang = user('lead.wang', 'lead', ['T1']);

let floor: Floor;
let clock: FakeClock;
let service: HandoverService;

const at = feedAt(() => ({ floor, clock }), 's');
/** `count` calls offered at hh:mm, answered by agents 1001.. five seconds later, ended twenty seconds after that. */
async function answeredCalls(hhmm: string, prefix: string, count: number): Promise<void> {
  const calls = Array.from({ length: count }, (_, i) => ({ callId: `${prefix}${i}`, agentId: String(1001 + i) }));
  await at(`${hhmm}:00`, calls.flatMap(({ callId, agentId }) => [
    { type: 'call.offered', callId, queue: 'cards', direction: 'inbound' }, { type: 'call.ringing', callId, agentId },
  ]));
  await at(`${hhmm}:05`, calls.map(({ callId, agentId }) => ({ type: 'call.answered', callId, agentId })));
  await at(`${hhmm}:25`, calls.map(({ callId }) => ({ type: 'call.ended', callId, releasedBy: 'agent' })));
}

beforeEach(async () => {
  clock = new FakeClock(local('18:30'));
  ({ floor } = await openFloor({ clock }));
  const planned = await floor.changeSchedule({ op: 'upsert', leads: LEADS, shifts: [] });
  if (!planned.ok) throw new Error(`plan refused: ${planned.error}`);
  service = createHandoverService({ floor, store: createMemoryHandoverStore(), clock, audit: { record: async () => undefined }, sealKey: 'c3'.repeat(32) });
  await at('18:30:00', ['1001', '1002', '1003', '1004'].map((agentId) => ({ type: 'agent.login', agentId, teamId: 'T1', stationId: `S-${agentId}` })));
  await answeredCalls('18:40', 'before', 2);
  await answeredCalls('18:51', 'early', 3);
});

describe('a shift from 18:49 to 19:14', () => {
  it('counts its calls from its first interval in a draft made at 18:57', async () => {
    clock.set(local('18:57'));
    const draft = await service.draft(wang, CHANGE, ['T1']);
    if (!draft.ok) throw new Error(draft.error);
    // The calls of 18:40 are the 18:30 interval's, the shift before's.
    expect(draft.value.prefill.calls).toMatchObject({ offered: 3, answered: 3, abandoned: 0, intervalsFrom: local('18:45'), intervalsTo: local('19:15') });
    expect(draft.value.fields.shiftStatus).toContain('Calls (whole floor): 3 offered, 3 answered, 0 abandoned');
  });

  it('counts 18:45 to 19:15 at the shift change', async () => {
    await answeredCalls('19:01', 'late', 4);
    clock.set(CHANGE);
    const draft = await service.draft(wang, CHANGE, ['T1']);
    if (!draft.ok) throw new Error(draft.error);
    expect(draft.value.prefill.calls).toMatchObject({ offered: 7, answered: 7, intervalsFrom: local('18:45'), intervalsTo: local('19:15') });
  });
});
