/**
 * The handover's call figures on a real floor with a fixed morning (memory storage, fake
 * clock): calls already waiting when the shift begins, answered in it, must not make the
 * shift answer more calls than it was offered; and the figures the lead was shown (and
 * the text drafted from them) are the ones the submitted handover keeps, although the
 * floor moved on between the draft and the submission.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Handover } from '../../../shared/handover.js';
import type { Floor } from '../../../server/floor/floor.js';
import { createMemoryHandoverStore } from '../../../server/handover/memory-store.js';
import { PREFILL_MAX_AGE_MS } from '../../../server/handover/seal.js';
import { createHandoverService, type HandoverService } from '../../../server/handover/service.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { openFloor } from '../../helpers/floor-harness.js';
import { user } from './fixtures.js';
import { CHANGE, feedAt, LEADS, local } from './scenario.js';

const wang = user('lead.wang', 'lead', ['T1', 'T2']);
const TEAMS = ['T1', 'T2'];
const SHIFT_START = local('06:00');
/** The database's key, as serve.ts reads it (notify_meta). */
const KEY = 'a1'.repeat(32);

let floor: Floor;
let clock: FakeClock;
let service: HandoverService;

const at = feedAt(() => ({ floor, clock }), 'e');
const offered = (callId: string) => ({ type: 'call.offered', callId, queue: 'cards', direction: 'inbound' });
const ringing = (callId: string, agentId: string) => ({ type: 'call.ringing', callId, agentId });
const answered = (callId: string, agentId: string) => ({ type: 'call.answered', callId, agentId });
const ended = (callId: string, releasedBy: 'customer' | 'agent') => ({ type: 'call.ended', callId, releasedBy });

beforeEach(async () => {
  clock = new FakeClock(local('05:50'));
  ({ floor } = await openFloor({ clock }));
  const planned = await floor.changeSchedule({ op: 'upsert', leads: LEADS, shifts: [] });
  if (!planned.ok) throw new Error(`plan refused: ${planned.error}`);
  service = createHandoverService({ floor, store: createMemoryHandoverStore(), clock, audit: { record: async () => undefined }, sealKey: KEY });
  await at('05:50:00', ['1001', '1002', '1003'].map((agentId) => ({ type: 'agent.login', agentId, teamId: 'T1', stationId: `S-${agentId}` })));
  // Three callers waiting when the shift begins at 06:00, answered in its first minute.
  await at('05:59:50', [offered('p1'), offered('p2'), offered('p3')]);
  await at('06:00:05', [ringing('p1', '1001'), answered('p1', '1001'), ringing('p2', '1002'), answered('p2', '1002'), ringing('p3', '1003'), answered('p3', '1003')]);
  await at('06:05:00', [ended('p1', 'agent'), ended('p2', 'agent'), ended('p3', 'agent')]);
  // The shift's own calls: one answered in time, one abandoned, one answered late.
  await at('06:10:00', [offered('c1'), ringing('c1', '1001')]);
  await at('06:10:04', [answered('c1', '1001')]);
  await at('06:20:00', [offered('c2')]);
  await at('06:20:30', [ended('c2', 'customer')]);
  await at('06:30:00', [offered('c3'), ringing('c3', '1002')]);
  await at('06:30:25', [answered('c3', '1002')]);
  // Still waiting when the lead drafts the handover at 11:50.
  await at('11:49:50', [offered('c4')]);
  await at('11:50:00', []);
});

function calledLine(h: Handover): string {
  return h.fields.shiftStatus.split('\n').find((l) => l.startsWith('Calls')) ?? '';
}

describe('the call figures of a handover', () => {
  it('count the calls offered in the shift and what became of those calls, never more answered than offered', async () => {
    // The engine's intervals count the answers given in them: the three callers who were
    // waiting at 06:00 are answered in the shift's first interval but offered before it.
    const inShift = floor.snapshot().intervals.filter((i) => i.start >= SHIFT_START && i.start < CHANGE);
    expect(inShift.reduce((s, i) => s + i.offered, 0)).toBe(4);
    expect(inShift.reduce((s, i) => s + i.answered, 0)).toBe(5);

    const outcome = await service.draft(wang, CHANGE, TEAMS);
    if (!outcome.ok) throw new Error(outcome.error);
    const { calls, asOf } = outcome.value.prefill;
    // c1..c4 offered; of them c1 and c3 answered (c1 within 10 s), c2 abandoned, c4 still waiting.
    expect(calls).toMatchObject({ offered: 4, answered: 2, abandoned: 1, serviceLevel: 1 / 3 });
    expect(calls.offered).toBeGreaterThanOrEqual(calls.answered + calls.abandoned);
    expect(asOf).toBe(clock.now());
    expect(calledLine(outcome.value)).toBe('Calls (whole floor): 4 offered, 2 answered, 1 abandoned; service level 33%.');
  });

  it('keep, once submitted, the figures the lead was shown and wrote from, though the floor moved on', async () => {
    const outcome = await service.draft(wang, CHANGE, TEAMS);
    if (!outcome.ok) throw new Error(outcome.error);
    const draft = outcome.value;
    expect(draft.prefillToken).toEqual(expect.any(String));

    // Between the draft and the submission: c4 answered, a new call offered and abandoned, an alert.
    await at('11:53:00', [ringing('c4', '1003'), answered('c4', '1003')]);
    await at('11:54:00', [offered('c5')]);
    await at('11:54:40', [ended('c5', 'customer')]);
    await at('11:55:00', [{ type: 'urgent.reported', agentId: '1001', summary: 'caller reports card fraud' }]);

    const sent = await service.submit({ viewer: wang }, {
      shiftChangeAt: CHANGE, teamIds: TEAMS, fields: draft.fields, prefillToken: draft.prefillToken,
    });
    if (!sent.ok) throw new Error(sent.error);
    const h = sent.value;
    expect(h.prefillToken).toBeUndefined();
    expect(h.prefill).toEqual(draft.prefill);
    // The summary (the text drafted from the figures) says what the data block says.
    const { offered: o, answered: a, abandoned: ab } = h.prefill.calls;
    expect(calledLine(h)).toContain(`${o} offered, ${a} answered, ${ab} abandoned`);
    expect(h.fields.shiftStatus).toContain(`Alerts: ${h.prefill.alertsOpened} opened, ${h.prefill.alertsResolved} of them resolved; ${h.prefill.open.length} still open.`);
    // And it is what the lead reads back.
    const read = await service.get(wang, h.id);
    expect(read.ok && read.value.prefill).toEqual(draft.prefill);
  });

  it('are read again at submission without a token, or with one that is not this handover\'s draft\'s', async () => {
    const outcome = await service.draft(wang, CHANGE, TEAMS);
    if (!outcome.ok) throw new Error(outcome.error);
    const token = outcome.value.prefillToken!;
    await at('11:53:00', [ringing('c4', '1003'), answered('c4', '1003')]);
    await at('11:54:00', [offered('c5')]);

    const [body, mac] = token.split('.');
    const forged = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    forged.prefill.calls.answered = 4;
    const tampered = `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`;
    for (const prefillToken of [undefined, tampered, 'not-a-token']) {
      const sent = await service.submit({ viewer: wang }, {
        shiftChangeAt: CHANGE, teamIds: TEAMS, fields: outcome.value.fields, ...(prefillToken !== undefined && { prefillToken }),
      });
      if (!sent.ok) throw new Error(sent.error);
      expect(sent.value.prefill.calls).toMatchObject({ offered: 5, answered: 3, abandoned: 1, serviceLevel: 1 / 4 });
      expect(sent.value.prefill.asOf).toBe(clock.now());
    }
    // Another handover's token is not honoured either.
    const other = await service.draft(user('lead.zhao', 'lead', ['T3']), CHANGE, ['T3']);
    if (!other.ok) throw new Error(other.error);
    await at('11:56:00', []);
    const sent = await service.submit({ viewer: wang }, {
      shiftChangeAt: CHANGE, teamIds: TEAMS, fields: outcome.value.fields, prefillToken: other.value.prefillToken,
    });
    expect(sent.ok && sent.value.prefill.asOf).toBe(clock.now());
  });
  it('are kept by a restarted service on the same database key, but not by one with another key', async () => {
    const outcome = await service.draft(wang, CHANGE, TEAMS);
    if (!outcome.ok) throw new Error(outcome.error);
    await at('11:53:00', [ringing('c4', '1003'), answered('c4', '1003')]);
    const submit = (s: HandoverService) => s.submit({ viewer: wang }, {
      shiftChangeAt: CHANGE, teamIds: TEAMS, fields: outcome.value.fields, prefillToken: outcome.value.prefillToken,
    });
    const restart = (sealKey: string) => createHandoverService({ floor, store: createMemoryHandoverStore(), clock, audit: { record: async () => undefined }, sealKey });

    const elsewhere = await submit(restart('b2'.repeat(32)));
    expect(elsewhere.ok && elsewhere.value.prefill.asOf).toBe(clock.now());
    const restarted = await submit(restart(KEY));
    expect(restarted.ok && restarted.value.prefill).toEqual(outcome.value.prefill);
  });

  it(`are kept up to ${PREFILL_MAX_AGE_MS / 3_600_000} hours after the draft, read again after that`, async () => {
    const outcome = await service.draft(wang, CHANGE, TEAMS);
    if (!outcome.ok) throw new Error(outcome.error);
    const drafted = clock.now();
    await at('11:53:00', [ringing('c4', '1003'), answered('c4', '1003')]);
    const submit = () => service.submit({ viewer: wang }, {
      shiftChangeAt: CHANGE, teamIds: TEAMS, fields: outcome.value.fields, prefillToken: outcome.value.prefillToken,
    });

    clock.set(drafted + PREFILL_MAX_AGE_MS);
    const justInTime = await submit();
    expect(justInTime.ok && justInTime.value.prefill).toEqual(outcome.value.prefill);
    clock.set(drafted + PREFILL_MAX_AGE_MS + 1);
    const tooLate = await submit();
    if (!tooLate.ok) throw new Error(tooLate.error);
    expect(tooLate.value.prefill.asOf).toBe(clock.now());
    expect(tooLate.value.prefill.calls).toMatchObject({ offered: 4, answered: 3, abandoned: 1, serviceLevel: 1 / 4 });
  });
});
