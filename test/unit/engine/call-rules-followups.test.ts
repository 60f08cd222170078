/**
 * Follow-ups to the call rules: a call never recorded (art. 77), the over-long alert
 * resolved only by its own call's record (art. 77), forbidden-phrase checks per agent and
 * team (art. 68), and placing vs receiving a private call (art. 105.4).
 */
import { describe, expect, it } from 'vitest';
import { blankAgent, blankCall, deserializeState, serializeState } from '../../../server/engine/state.js';
import { ms, PlanHarness, T0 } from './plan-harness.js';

/** A floor whose feed reports wrap-ups (it has sent one before): calls owe their records. */
function wrapUpFloor(): PlanHarness {
  const h = new PlanHarness();
  h.state.wrapUpsReported = true;
  return h;
}

describe('wrap-up-record (art. 77): every call gets its record', () => {
  it('after-call work ended by the next answer without the record is a failed check and an alert for that call', () => {
    const h = wrapUpFloor();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.answeredCall(66, 'c2', '1001'); // answered at 70, 10 s into after-call work
    const [alert] = h.open('wrap-up-record');
    expect(alert).toMatchObject({
      agentId: '1001', teamId: 't1', callId: 'c1', kind: 'condition', subject: { kind: 'call', id: 'c1' }, openedAt: T0 + 70_000,
    });
    expect(alert.title).toContain('without recording call c1');
    expect(h.compliance('wrap-up-record')).toEqual({ passed: 0, failed: 1 });
    expect(h.state.compliance.byAgent.get('1001')?.['wrap-up-record']).toEqual({ passed: 0, failed: 1 });
    expect(h.state.compliance.byTeam.get('t1')?.['wrap-up-record']).toEqual({ passed: 0, failed: 1 });
  });

  it('a record arriving later resolves the alert; the failed check stays and the record counts its own', () => {
    const h = wrapUpFloor();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.answeredCall(66, 'c2', '1001');
    h.at(90, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'enquiry', notes: 'late' });
    expect(h.open('wrap-up-record')).toHaveLength(0);
    expect(h.of('wrap-up-record')[0]).toMatchObject({ status: 'resolved', resolvedBy: 'auto', callId: 'c1' });
    expect(h.compliance('wrap-up-record')).toEqual({ passed: 1, failed: 1 });
  });

  it('logging out in after-call work without the record is flagged too', () => {
    const h = wrapUpFloor();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.logout(65, '1001');
    expect(h.open('wrap-up-record').map((a) => [a.callId, a.openedAt])).toEqual([['c1', T0 + 65_000]]);
    expect(h.compliance('wrap-up-record')).toEqual({ passed: 0, failed: 1 });
  });

  it('a record made in after-call work, then the next call, is clean', () => {
    const h = wrapUpFloor();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.cleanClose(60, 'c1', '1001');
    h.answeredCall(100, 'c2', '1001');
    h.logout(300, '1001'); // on c2, not in after-call work: nothing owed yet
    expect(h.of('wrap-up-record')).toHaveLength(0);
    expect(h.compliance('wrap-up-record')).toEqual({ passed: 1, failed: 0 });
  });

  it('on a floor whose feed never sent a wrap-up (a PBX feed), no call is owed a record', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.answeredCall(66, 'c2', '1001');
    h.logout(300, '1001');
    expect(h.of('wrap-up-record')).toHaveLength(0);
    expect(h.state.agents.get('1001')?.recordOwed).toBeUndefined();
    // The first wrap-up tells the floor its feed reports them: from then on, calls owe theirs.
    h.login(400, '1001');
    h.answeredCall(401, 'c3', '1001');
    h.cleanClose(460, 'c3', '1001');
    expect(h.state.wrapUpsReported).toBe(true);
    h.answeredCall(500, 'c4', '1001');
    h.at(560, 'call.ended', { callId: 'c4', releasedBy: 'customer' });
    h.answeredCall(566, 'c5', '1001');
    expect(h.open('wrap-up-record').map((a) => a.callId)).toEqual(['c4']);
  });

  it('answering the same call again (it came back) is not leaving its after-call work', () => {
    const h = wrapUpFloor();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(30, 'call.transferred', { callId: 'c1', agentId: '1001', target: 'queue' });
    h.at(40, 'call.answered', { callId: 'c1', agentId: '1001' });
    h.cleanClose(60, 'c1', '1001');
    expect(h.of('wrap-up-record')).toHaveLength(0);
    expect(h.compliance('wrap-up-record')).toEqual({ passed: 1, failed: 0 });
  });
});

describe('wrap-up-record (art. 77): the over-long alert and its call', () => {
  it('a late record for an earlier call does not resolve the over-long alert for the current one', () => {
    const h = wrapUpFloor();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(30, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.answeredCall(36, 'c2', '1001');
    h.at(60, 'call.ended', { callId: 'c2', releasedBy: 'customer' });
    h.tick(180);
    const overLong = h.open('wrap-up-record').find((a) => a.subject.kind === 'agent');
    expect(overLong).toMatchObject({ callId: 'c2', openedAt: T0 + 180_000 });
    h.at(190, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'enquiry', notes: 'late' });
    expect(h.open('wrap-up-record').map((a) => a.id)).toEqual([overLong?.id]);
    h.at(200, 'wrapup.completed', { callId: 'c2', agentId: '1001', callType: 'enquiry', notes: 'done' });
    expect(h.open('wrap-up-record')).toHaveLength(0);
  });
});

describe('forbidden-phrases (art. 68): checks per agent and team', () => {
  it('counts each call\'s check for the agent who handled it and the agent\'s team', () => {
    const h = new PlanHarness();
    h.login(0, '1001', 'blue');
    h.answeredCall(1, 'c1', '1001');
    h.at(10, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '这个我也没有办法' });
    h.cleanClose(60, 'c1', '1001');
    h.answeredCall(100, 'c2', '1001');
    h.at(110, 'transcript.utterance', { callId: 'c2', speaker: 'agent', text: '好的，我帮您查询' });
    h.cleanClose(160, 'c2', '1001');
    expect(h.compliance('forbidden-phrases')).toEqual({ passed: 1, failed: 1 });
    expect(h.state.compliance.byAgent.get('1001')?.['forbidden-phrases']).toEqual({ passed: 1, failed: 1 });
    expect(h.state.compliance.byTeam.get('blue')?.['forbidden-phrases']).toEqual({ passed: 1, failed: 1 });
  });
});

describe('private-call (art. 105.4): placing one vs receiving one', () => {
  const inbound = (h: PlanHarness, at: number, callId: string): void => {
    h.at(at, 'call.offered', { callId, queue: 'direct', direction: 'inbound', numberClass: 'private' });
    h.at(at + 1, 'call.ringing', { callId, agentId: '1001' });
    h.at(at + 2, 'call.answered', { callId, agentId: '1001' });
  };

  it('a received private call is flagged at second 180 after the answer, not before, -2 once', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    inbound(h, 10, 'p1'); // answered at 12
    expect(h.of('private-call')).toHaveLength(0);
    h.tick(191);
    expect(h.of('private-call')).toHaveLength(0);
    expect(h.pointsOf('private-call')).toHaveLength(0);
    h.tick(192);
    const [alert] = h.of('private-call');
    expect(alert).toMatchObject({ agentId: '1001', callId: 'p1', openedAt: ms(192), occurrences: 1 });
    expect(alert.title).toContain('longer than 180 s');
    h.at(400, 'call.ended', { callId: 'p1', releasedBy: 'customer' });
    expect(h.pointsOf('private-call').map((p) => [p.id, p.points, p.at])).toEqual([['auto:private-call:p1', -2, ms(192)]]);
    expect(h.compliance('private-call')).toEqual({ passed: 0, failed: 1 });
  });

  it('a received private call that ends within 3 minutes is allowed', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    inbound(h, 10, 'p1');
    h.at(192, 'call.ended', { callId: 'p1', releasedBy: 'customer' }); // exactly 180 s: not over
    h.tick(600);
    expect(h.of('private-call')).toHaveLength(0);
    expect(h.pointsOf('private-call')).toHaveLength(0);
    expect(h.compliance('private-call')).toEqual({ passed: 1, failed: 0 });
    expect(h.state.compliance.byAgent.get('1001')?.['private-call']).toEqual({ passed: 1, failed: 0 });
  });

  it('a placed private call is flagged when placed, when the feed names the agent, once however long it runs', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.at(10, 'call.offered', { callId: 'o1', queue: 'outbound', direction: 'outbound', numberClass: 'private', agentId: '1001' });
    const [alert] = h.of('private-call');
    expect(alert).toMatchObject({ agentId: '1001', callId: 'o1', openedAt: ms(10) });
    expect(alert.title).toContain('placed a private call');
    h.at(15, 'call.answered', { callId: 'o1', agentId: '1001' });
    h.tick(400);
    h.at(401, 'call.ended', { callId: 'o1', releasedBy: 'customer' });
    expect(h.alerts.get(alert.id)).toMatchObject({ occurrences: 1 });
    expect(h.pointsOf('private-call').map((p) => [p.id, p.at])).toEqual([['auto:private-call:o1', ms(10)]]);
    expect(h.compliance('private-call')).toEqual({ passed: 0, failed: 1 });
  });

  it('a placed private call nobody picks up is still flagged: at the agent\'s phone ringing, or at its end', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.at(10, 'call.offered', { callId: 'o1', queue: 'outbound', direction: 'outbound', numberClass: 'private' });
    h.at(11, 'call.ringing', { callId: 'o1', agentId: '1001' });
    h.at(40, 'call.ended', { callId: 'o1', releasedBy: 'system' });
    expect(h.of('private-call').map((a) => [a.agentId, a.callId, a.openedAt])).toEqual([['1001', 'o1', ms(11)]]);
    expect(h.pointsOf('private-call')).toHaveLength(1);

    const unknown = new PlanHarness();
    unknown.login(0, '1001');
    unknown.at(10, 'call.offered', { callId: 'o2', queue: 'outbound', direction: 'outbound', numberClass: 'private' });
    unknown.at(40, 'call.ended', { callId: 'o2', releasedBy: 'system' });
    const [alert] = unknown.of('private-call');
    expect(alert).toMatchObject({ callId: 'o2', openedAt: ms(40) });
    expect(alert.agentId).toBeUndefined();
    expect(unknown.pointsOf('private-call')).toHaveLength(0); // nobody to deduct from
    expect(unknown.compliance('private-call')).toEqual({ passed: 0, failed: 1 });
  });
});

describe('the owed record and the private flag in snapshots', () => {
  it('survive a snapshot, and a snapshot from before them still loads in the records\' one shape', () => {
    const h = wrapUpFloor();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.at(61, 'call.offered', { callId: 'p1', queue: 'direct', direction: 'inbound', numberClass: 'private' });
    h.state = deserializeState(serializeState(h.state));
    expect(h.state.agents.get('1001')?.recordOwed).toBe('c1');
    expect(h.state.wrapUpsReported).toBe(true);
    h.at(62, 'call.answered', { callId: 'p1', agentId: '1001' });
    expect(h.open('wrap-up-record').map((a) => a.callId)).toEqual(['c1']);

    const old = JSON.parse(serializeState(h.state)) as { agents: { $map: [string, Record<string, unknown>][] }; calls: { $map: [string, Record<string, unknown>][] } };
    for (const [, a] of old.agents.$map) delete a.recordOwed;
    for (const [, c] of old.calls.$map) delete c.privateFlagged;
    const loaded = deserializeState(JSON.stringify(old));
    expect(Object.keys(loaded.agents.get('1001') ?? {})).toEqual(Object.keys(blankAgent('x', 0)));
    expect(Object.keys(loaded.calls.get('p1') ?? {})).toEqual(Object.keys(blankCall('x', 0)));
  });
});
