import { describe, expect, it } from 'vitest';
import { alertTitle } from '../../../shared/alert-titles.js';
import type { Alert } from '../../../shared/alerts.js';
import type { Viewer } from '../../../server/access/principal.js';
import { alertFor, audienceOf, publicAlert, deltaCutter, deltaFor, maskNumber, narrowAudience, snapshotCutter, snapshotFor } from '../../../server/access/audience.js';
import type { FloorSnapshot } from '../../../shared/wallboard.js';

const user = (role: 'admin' | 'supervisor' | 'lead' | 'manager', teams: string[] = []): Viewer => ({
  kind: 'user', id: `u-${role}`, username: role, name: role, role, teams, mustChangePassword: false, sessionId: 's',
});
const display: Viewer = { kind: 'device', id: 'd1', name: 'TV', role: 'display', teams: [] };

const alert = (teamId: string): Alert => ({
  id: 'al-1', rule: 'forbidden-phrases', article: '68', severity: 'critical', kind: 'incident', status: 'open',
  title: 'Agent 1001 used a forbidden phrase', subject: { kind: 'call', id: 'c1' }, agentId: '1001', teamId, callId: 'c1',
  openedAt: 1, updatedAt: 1, escalationLevel: 'lead', evidence: ['e1'], occurrences: 1, history: [],
  sensitive: { text: '我不知道', callerNumber: '13812345678' },
});

describe('what each role receives', () => {
  it('masks numbers as 138****5678', () => {
    expect(maskNumber('13812345678')).toBe('138****5678');
    expect(maskNumber('02155512345')).toBe('021****2345');
    expect(maskNumber('95588')).toBe('*5588');
  });

  it('a display gets neither speech nor any caller number', () => {
    const shown = alertFor(alert('A'), audienceOf(display));
    expect(shown).not.toBeNull();
    expect(JSON.stringify(shown)).not.toMatch(/我不知道|5678|sensitive/);
  });

  it('supervisors and leads get speech and masked numbers; managers the full number', () => {
    expect(alertFor(alert('A'), audienceOf(user('supervisor')))?.sensitive).toEqual({ text: '我不知道', callerNumber: '138****5678' });
    expect(alertFor(alert('A'), audienceOf(user('lead', ['A'])))?.sensitive).toEqual({ text: '我不知道', callerNumber: '138****5678' });
    expect(alertFor(alert('A'), audienceOf(user('manager')))?.sensitive).toEqual({ text: '我不知道', callerNumber: '13812345678' });
    expect(alertFor(alert('A'), audienceOf(user('admin')))?.sensitive).toEqual({ callerNumber: '138****5678' });
  });

  it("a shift lead gets only their teams' alerts and agents", () => {
    const lead = audienceOf(user('lead', ['B', 'A']));
    expect(lead.key).toBe('lead:["A","B"]');
    expect(alertFor(alert('C'), lead)).toBeNull();
    const delta = deltaFor({
      seq: 5, at: 1, serverTime: 1,
      agents: [{ agentId: '1', teamId: 'A' }, { agentId: '2', teamId: 'C' }, { agentId: '3' }] as never,
      queues: [], alerts: [alert('C'), alert('B')],
    }, lead);
    expect(delta.seq).toBe(5);
    expect(delta.agents.map((a) => a.agentId)).toEqual(['1']);
    expect(delta.alerts.map((a) => a.teamId)).toEqual(['B']);
  });

  it("a shift lead gets only their teams' adherence, in the delta and the snapshot", () => {
    const lead = audienceOf(user('lead', ['A']));
    const team = (teamId: string) => ({ teamId, scheduledNow: 3, outOfAdherence: 1, percent: 90 });
    const delta = deltaFor({ seq: 1, at: 1, serverTime: 1, agents: [], queues: [], alerts: [], adherence: [team('A'), team('C')] }, lead);
    expect(delta.adherence?.map((t) => t.teamId)).toEqual(['A']);
    const snapshot = snapshotFor({ adherence: [team('C'), team('A')], agents: [], alerts: [], compliance: { floor: {}, byAgent: {}, byTeam: {}, byTeamInterval: {} } } as never, lead);
    expect(snapshot.adherence.map((t) => t.teamId)).toEqual(['A']);
    expect(snapshotFor({ adherence: [team('C')], agents: [], alerts: [], compliance: { floor: {} } } as never, audienceOf(user('supervisor'))).adherence).toHaveLength(1);
  });
});

describe('the audience key (the room and the cached snapshot)', () => {
  it('never joins two different team sets: a team named "A,B" is not teams A and B', () => {
    const oneTeam = audienceOf(user('lead', ['team-01,team-02']));
    const twoTeams = audienceOf(user('lead', ['team-01', 'team-02']));
    expect(oneTeam.key).not.toBe(twoTeams.key);
    // Nor when a screen narrows to them, nor through a scoped whole-floor role.
    expect(narrowAudience(oneTeam, ['team-01,team-02'])!.key).not.toBe(narrowAudience(twoTeams, ['team-01', 'team-02'])!.key);
    const sup = audienceOf(user('supervisor'));
    expect(narrowAudience(sup, ['A,B'])!.key).not.toBe(narrowAudience(sup, ['A', 'B'])!.key);
    // Other separators a team id may hold do not collide either.
    expect(audienceOf(user('lead', ['A"', 'B'])).key).not.toBe(audienceOf(user('lead', ['A', '"B'])).key);
  });

  it('is the same for the same teams, in any order, repeated or not', () => {
    expect(audienceOf(user('lead', ['B', 'A', 'B'])).key).toBe(audienceOf(user('lead', ['A', 'B'])).key);
    expect(narrowAudience(audienceOf(user('lead', ['A', 'B'])), ['B', 'A'])!.key).toBe(audienceOf(user('lead', ['A', 'B'])).key);
  });
});

describe('a screen scoped to some teams (handshake `teams`)', () => {
  const agents = (...teams: Array<string | undefined>) => teams.map((teamId, i) => ({ agentId: String(i), ...(teamId && { teamId }) })) as never;

  it('narrows a whole-floor role to exactly those teams, and a lead to those among its own', () => {
    const sup = narrowAudience(audienceOf(user('supervisor')), ['B', 'A', 'B']);
    expect(sup).toMatchObject({ key: 'supervisor:["A","B"]', role: 'supervisor', callerNumbers: 'masked' });
    expect([...sup!.teams!]).toEqual(['A', 'B']);
    const lead = narrowAudience(audienceOf(user('lead', ['A', 'C'])), ['A', 'B']);
    expect(lead?.key).toBe('lead:["A"]');
    expect(narrowAudience(audienceOf(user('lead', ['A'])), ['B'])).toBeNull();
    const tv = audienceOf(display);
    expect(narrowAudience(tv, undefined)).toBe(tv);
    expect(narrowAudience(tv, ['A'])).toMatchObject({ key: 'display:["A"]', callerNumbers: 'none', speech: false });
  });

  it('cuts one delta for many audiences as filtering each would', () => {
    const delta = {
      seq: 9, at: 1, serverTime: 1, queues: [], alerts: [alert('A'), alert('B')],
      agents: agents('A', 'B', undefined, 'C', 'A'),
      adherence: [{ teamId: 'A' }, { teamId: 'C' }] as never,
    };
    const cut = deltaCutter(delta);
    const scoped = (role: Parameters<typeof user>[0], teams: string[]) => narrowAudience(audienceOf(user(role)), teams)!;
    const ab = cut(scoped('supervisor', ['A', 'B']));
    expect(ab.agents.map((a) => a.agentId).sort()).toEqual(['0', '1', '4']);
    expect(ab.alerts.map((a) => a.teamId)).toEqual(['A', 'B']);
    expect(ab.adherence?.map((t) => t.teamId)).toEqual(['A']);
    const c = cut(scoped('manager', ['C']));
    expect(c.agents.map((a) => a.agentId)).toEqual(['3']);
    expect(c.alerts).toEqual([]);
    expect(c.seq).toBe(9);
    // The unscoped manager gets the delta itself; the unscoped supervisor every agent.
    expect(cut(audienceOf(user('manager')))).toBe(delta);
    expect(cut(audienceOf(user('supervisor'))).agents).toHaveLength(5);
  });
});

describe('one snapshot cut for many screens', () => {
  it('gives a team scope exactly what filtering the floor would, in the same order', () => {
    const teams = ['A', 'B', 'C', undefined];
    const agents = Array.from({ length: 40 }, (_, i) => ({ agentId: String(1000 + i), ...(teams[i % 4] && { teamId: teams[i % 4] }) }));
    const alerts = ['C', 'A', 'B', 'A'].map((t, i) => ({ ...alert(t), id: `al-${i}` }));
    const byAgent = Object.fromEntries(agents.map((a) => [a.agentId, { greeting: { passed: 1, failed: 0 } }]));
    const snapshot = {
      seq: 3, agents, alerts, adherence: [{ teamId: 'B' }, { teamId: 'A' }],
      compliance: { floor: {}, byAgent, byTeam: { A: {}, B: {}, C: {} }, byTeamInterval: { A: {}, C: {} }, byQueue: {}, byInterval: {}, byQueueInterval: {} },
    } as never as FloorSnapshot;
    const cut = snapshotCutter(snapshot);
    const scope = narrowAudience(audienceOf(user('supervisor')), ['C', 'A'])!;
    const mine = cut(scope);
    const inScope = (t?: string) => t === 'A' || t === 'C';
    expect(mine.agents).toEqual(agents.filter((a) => inScope(a.teamId)));
    expect(mine.alerts.map((a) => a.id)).toEqual(['al-0', 'al-1', 'al-3']);
    expect(mine.alerts[0]!.sensitive).toEqual({ text: '我不知道', callerNumber: '138****5678' });
    expect(mine.adherence).toEqual([{ teamId: 'A' }]);
    expect(Object.keys(mine.compliance.byAgent).sort()).toEqual(mine.agents.map((a) => a.agentId).sort());
    expect(mine.compliance.byTeam).toEqual({ A: {}, C: {} });
    expect(mine.compliance.byTeamInterval).toEqual({ A: {}, C: {} });
    // The same cutter serves a whole-floor screen too: everything, numbers masked for a supervisor.
    const all = cut(audienceOf(user('supervisor')));
    expect(all.agents).toHaveLength(40);
    expect(all.compliance).toBe(snapshot.compliance);
    expect(snapshotFor(snapshot, scope)).toEqual(mine);
  });
});

describe('a public screen (the TV): no typed notes, no call ids', () => {
  const CALL = 'CA9f1c2d3e4b5a69788796a5b4c3d2e1f0';
  const NOTE = 'called back customer Zhang Wei on 13912345678';
  const worked = (): Alert => ({
    ...alert('A'), rule: 'wrap-up-record', status: 'resolved', sensitive: undefined,
    ...alertTitle('wrap-up-record.unrecorded', { agent: '1001', call: CALL }),
    subject: { kind: 'call', id: `${CALL}:1001` }, callId: CALL, evidence: ['e1', `${CALL}-ended`],
    acknowledgedAt: 2, acknowledgedBy: 'lead-a', acknowledgeNote: NOTE, escalatedBy: 'lead-a', escalationNote: NOTE,
    resolvedAt: 3, resolvedBy: 'lead-a', resolution: `leave approved by lead-a: ${NOTE}`,
    resolutionCode: 'leaveApprovedWithNote', resolutionParams: { who: 'lead-a', note: NOTE },
    history: [
      { at: 1, action: 'opened' },
      { at: 2, action: 'acknowledged', by: 'lead-a', note: NOTE },
      { at: 2, action: 'hold-approved', by: 'lead-a', note: '120 s', noteCode: 'holdAllowed', noteParams: { seconds: 120 }, comment: NOTE },
      { at: 3, action: 'resolved', by: 'lead-a', note: NOTE },
    ],
  });

  it('an alert: no note, resolution text, history notes, evidence or call id; codes stay', () => {
    const shown = alertFor(worked(), audienceOf(display))!;
    expect(JSON.stringify(shown)).not.toMatch(/Zhang|13912345678|CA9f1c2d/);
    expect(shown).toEqual({
      id: 'al-1', rule: 'wrap-up-record', article: '68', severity: 'critical', kind: 'incident', status: 'resolved',
      title: 'Agent 1001 left after-call work without recording call ***',
      titleCode: 'wrap-up-record.unrecorded', titleParams: { agent: '1001' },
      subject: { kind: 'call', id: 'al-1' }, agentId: '1001', teamId: 'A',
      openedAt: 1, updatedAt: 1, acknowledgedAt: 2, acknowledgedBy: 'lead-a', escalatedBy: 'lead-a', resolvedAt: 3, resolvedBy: 'lead-a',
      resolutionCode: 'leaveApproved', resolutionParams: { who: 'lead-a' },
      escalationLevel: 'lead', evidence: [], occurrences: 1,
      history: [
        { at: 1, action: 'opened' },
        { at: 2, action: 'acknowledged', by: 'lead-a' },
        { at: 2, action: 'hold-approved', by: 'lead-a', noteCode: 'holdAllowed', noteParams: { seconds: 120 } },
        { at: 3, action: 'resolved', by: 'lead-a' },
      ],
    });
    // A scoped TV gets the same.
    expect(alertFor(worked(), narrowAudience(audienceOf(display), ['A'])!)).toEqual(shown);
  });

  it("a subject's id is what the alert names (its agent, its queue) or the alert's id: never a feed's event id", () => {
    const EVENT = 'EV-ami-1712345678.4321';
    const base = { ...alert('A'), callId: undefined, sensitive: undefined };
    // An urgent report without a call: the engine's subject is `<agent>:<event id>`.
    const urgent: Alert = { ...base, id: 'al-7', rule: 'urgent-escalation', subject: { kind: 'agent', id: `1001:${EVENT}` }, agentId: '1001' };
    const shown = publicAlert(urgent);
    expect(shown.subject).toEqual({ kind: 'agent', id: '1001' });
    expect(JSON.stringify(shown)).not.toContain(EVENT);
    expect(publicAlert({ ...base, subject: { kind: 'queue', id: `cards:${EVENT}` }, queue: 'cards' }).subject).toEqual({ kind: 'queue', id: 'cards' });
    // Nothing to name it by: the alert's own id, so two alerts stay apart on the screen.
    expect(publicAlert({ ...base, id: 'al-8', subject: { kind: 'agent', id: `1001:${EVENT}` }, agentId: undefined }).subject).toEqual({ kind: 'agent', id: 'al-8' });
    expect(publicAlert({ ...base, id: 'al-9', subject: { kind: 'floor', id: 'meeting:lead:9001@1' } }).subject).toEqual({ kind: 'floor', id: 'al-9' });
    // People still get the engine's subject.
    expect(alertFor(urgent, audienceOf(user('supervisor')))!.subject.id).toBe(`1001:${EVENT}`);
  });

  it('supervisors, leads and managers get the alert as it is', () => {
    for (const viewer of [user('supervisor'), user('lead', ['A']), user('manager'), user('admin')]) {
      const original = worked();
      expect(alertFor(original, audienceOf(viewer))).toBe(original);
    }
  });

  it("agents' call ids, in the snapshot and in deltas, whole-floor and scoped", () => {
    const agents = [{ agentId: '1', teamId: 'A', state: 'talking', callId: CALL }, { agentId: '2', teamId: 'A', state: 'available' }];
    const delta = { seq: 1, at: 1, serverTime: 1, queues: [], alerts: [worked()], agents: agents as never };
    const snapshot = {
      seq: 1, agents, alerts: [{ ...worked(), status: 'acknowledged' }], adherence: [],
      compliance: { floor: {}, byAgent: {}, byTeam: {}, byTeamInterval: {}, byQueue: {}, byInterval: {}, byQueueInterval: {} },
    } as never as FloorSnapshot;
    const cutDelta = deltaCutter(delta);
    const cutSnapshot = snapshotCutter(snapshot);
    for (const tv of [audienceOf(display), narrowAudience(audienceOf(display), ['A'])!]) {
      for (const payload of [cutDelta(tv), cutSnapshot(tv)]) {
        expect(JSON.stringify(payload)).not.toMatch(/Zhang|13912345678|CA9f1c2d/);
        expect(payload.agents.map((a) => a.agentId)).toEqual(['1', '2']);
        expect(payload.agents[0]).toEqual({ agentId: '1', teamId: 'A', state: 'talking' });
      }
    }
    for (const viewer of [user('supervisor'), user('lead', ['A'])]) {
      for (const payload of [cutDelta(audienceOf(viewer)), cutSnapshot(audienceOf(viewer))]) {
        expect(payload.agents[0]!.callId).toBe(CALL);
        expect(payload.alerts[0]).toMatchObject({ callId: CALL, acknowledgeNote: NOTE, resolution: `leave approved by lead-a: ${NOTE}` });
      }
    }
  });
});
