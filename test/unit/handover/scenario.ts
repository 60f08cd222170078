/**
 * A morning on a real floor (memory storage, fake clock) ending at a noon shift change, for
 * the handover tests: lead.wang hands teams T1 and T2 to lead.li at 12:00; lead.zhao hands
 * T3 to lead.sun. By 11:50:
 * - agent 1003 (T1) never logged in: an absence alert (warning), still open;
 * - a call rang 20 s at agent 1001 (T1) and was abandoned: an answer-3-rings alert, resolved;
 * - agent 1002 (T2) reported an urgent matter: a critical alert, open (blocks T1+T2);
 * - agent 3001 (T3) too: a critical alert on T3 (blocks only T3's handover).
 */
import { floorEventSchema, type FloorEvent } from '../../../shared/events.js';
import type { LeadShift, Shift } from '../../../shared/schedule.js';
import type { Floor } from '../../../server/floor/floor.js';
import type { Storage } from '../../../server/storage/types.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { WINDOW, openFloor } from '../../helpers/floor-harness.js';

/** hh:mm(:ss) on 2026-11-28 in Shanghai. */
export const local = (time: string): number => Date.parse(`2026-11-28T${time.length === 5 ? `${time}:00` : time}+08:00`);
export const CHANGE = local('12:00');

/**
 * A feed for a test's floor: events at `time` (hh:mm(:ss) on the scenario's day), each with
 * an id of its own and the clock's time, applied once the reorder window has passed.
 * `current` gives the floor and clock of the test running now (made anew before each).
 */
export function feedAt(current: () => { floor: Floor; clock: FakeClock }, idPrefix: string) {
  let n = 0;
  return async (time: string, events: Array<Record<string, unknown>>): Promise<void> => {
    const { floor, clock } = current();
    clock.set(local(time));
    const parsed: FloorEvent[] = events.map((e) => floorEventSchema.parse({ id: `${idPrefix}${++n}`, ts: clock.now(), ...e }));
    if (parsed.length > 0) await floor.ingest(parsed);
    clock.advance(WINDOW + 1);
    await floor.tick();
  };
}

const lead = (id: string, leadId: string, account: string, name: string, teamIds: string[], start: string, end: string): LeadShift => ({
  id, leadId, account, name, teamIds, start: local(start), end: local(end),
});
const shift = (agentId: string, teamId: string, start: string, end: string): Shift => ({
  id: `${agentId}@${start}`, agentId, teamId, stationId: `S-${agentId}`, start: local(start), end: local(end), breaks: [],
});

export const LEADS: LeadShift[] = [
  lead('wang-am', '9001', 'lead.wang', 'Wang Fang', ['T1', 'T2'], '06:00', '12:00'),
  lead('li-pm', '9002', 'Lead.Li', 'Li Lei', ['T1', 'T2'], '12:00', '18:00'),
  lead('zhao-am', '9003', 'lead.zhao', 'Zhao Min', ['T3'], '06:00', '12:00'),
  lead('sun-pm', '9004', 'lead.sun', 'Sun Yu', ['T3'], '12:00', '18:00'),
];

export interface Morning {
  floor: Floor;
  storage: Storage;
  clock: FakeClock;
  /** Alert ids by what they are about. */
  alerts: { absence: string; ring: string; urgentT2: string; urgentT3: string };
}

export async function morning(): Promise<Morning> {
  const clock = new FakeClock(local('06:30'));
  const { floor, storage } = await openFloor({ clock });
  const planned = await floor.changeSchedule({
    op: 'upsert', leads: LEADS,
    shifts: [shift('1001', 'T1', '08:00', '12:00'), shift('1002', 'T2', '08:00', '16:00'), shift('1003', 'T1', '09:00', '17:00'), shift('3001', 'T3', '08:00', '16:00')],
  });
  if (!planned.ok) throw new Error(`plan refused: ${planned.error}`);
  let n = 0;
  /** Events at `time`, applied once the reorder window has passed. */
  const at = async (time: string, events: Array<Record<string, unknown>>): Promise<void> => {
    clock.set(local(time));
    const parsed: FloorEvent[] = events.map((e) => floorEventSchema.parse({ id: `m${++n}`, ts: clock.now(), ...e }));
    if (parsed.length > 0) await floor.ingest(parsed);
    clock.advance(WINDOW + 1);
    await floor.tick();
  };
  await at('07:50', ['1001:T1', '1002:T2', '3001:T3'].map((s) => {
    const [agentId, teamId] = s.split(':');
    return { type: 'agent.login', agentId, teamId, stationId: `S-${agentId}` };
  }));
  await at('09:30', [
    { type: 'call.offered', callId: 'c1', queue: 'cards', direction: 'inbound' },
    { type: 'call.ringing', callId: 'c1', agentId: '1001' },
  ]);
  await at('09:30:20', [{ type: 'call.ended', callId: 'c1', releasedBy: 'customer' }]);
  await at('10:00', [{ type: 'urgent.reported', agentId: '1002', summary: 'caller reports card fraud' }]);
  await at('10:05', [{ type: 'urgent.reported', agentId: '3001', summary: 'system outage at branch' }]);
  await at('11:30', [
    { type: 'agent.login', agentId: '9002', stationId: 'S-L1', teamId: 'T1', role: 'lead' },
    { type: 'agent.login', agentId: '9004', stationId: 'S-L3', teamId: 'T3', role: 'lead' },
  ]);
  await at('11:45', [{ type: 'meeting.started', teamId: 'T1', kind: 'pre_shift' }, { type: 'meeting.started', teamId: 'T3', kind: 'pre_shift' }]);
  await at('11:50', []);

  const all = await floor.listAlerts({});
  const find = (rule: string, teamId: string): string => {
    const found = all.filter((a) => a.rule === rule && a.teamId === teamId);
    if (found.length !== 1) throw new Error(`expected one ${rule} alert on ${teamId}, found ${found.length}: ${JSON.stringify(all.map((a) => [a.rule, a.teamId, a.status]))}`);
    return found[0].id;
  };
  return {
    floor, storage, clock,
    alerts: { absence: find('absence', 'T1'), ring: find('answer-3-rings', 'T1'), urgentT2: find('urgent-escalation', 'T2'), urgentT3: find('urgent-escalation', 'T3') },
  };
}
