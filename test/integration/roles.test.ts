/**
 * Who sees and does what, for every role, over REST and over a real socket.io connection,
 * against the real access control. Fails if a customer number or transcript text reaches a
 * display, or another team's alert reaches a shift lead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpack } from '../../shared/packed.js';
import type { FloorSnapshot, ScreenDelta, ScreenSnapshot } from '../../shared/wallboard.js';
import { T0 } from '../helpers/engine-harness.js';
import { addPerson, pairedTvToken, signIn, startSecuredFloor, wallboard, INITIAL_ADMIN, type SecuredFloor, type Wallboard } from '../helpers/secured-floor.js';
import type { Browser } from './access/access-server.js';
import { once } from './once.js';

const NUMBER = '13812345678';
let s: SecuredFloor;
const people: Record<'admin' | 'supervisor' | 'leadA' | 'leadB' | 'manager', Browser> = {} as never;
let deviceToken: string;
const sockets: Wallboard[] = [];

const at = (sec: number) => T0 + sec * 1000;
async function ingest(events: object[], token = s.feedToken): Promise<Response> {
  return fetch(`${s.base}/api/v1/events`, {
    method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
}

beforeAll(async () => {
  s = await startSecuredFloor();
  people.admin = await signIn(s.base, 'admin', INITIAL_ADMIN);
  for (const [key, username, role, teams] of [
    ['supervisor', 'sup', 'supervisor', []], ['leadA', 'lead-a', 'lead', ['A']], ['leadB', 'lead-b', 'lead', ['B']], ['manager', 'mgr', 'manager', []],
  ] as const) {
    people[key] = await addPerson(people.admin, s.base, username, role, [...teams]);
  }
  deviceToken = await pairedTvToken(s.access);

  s.clock.set(at(10));
  const res = await ingest([
    { id: 'l1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1', teamId: 'A' },
    { id: 'l2', type: 'agent.login', ts: at(0), agentId: '2001', stationId: 'S-2', teamId: 'B' },
    { id: 'c1', type: 'call.offered', ts: at(1), callId: 'call-a', queue: 'general', direction: 'inbound', from: NUMBER },
    { id: 'c2', type: 'call.ringing', ts: at(1), callId: 'call-a', agentId: '1001' },
    { id: 'c3', type: 'call.answered', ts: at(2), callId: 'call-a', agentId: '1001' },
    { id: 'c4', type: 'transcript.utterance', ts: at(3), callId: 'call-a', speaker: 'agent', text: `您好！1001号很高兴为您服务！是${NUMBER}吗` },
    { id: 'c5', type: 'transcript.utterance', ts: at(4), callId: 'call-a', speaker: 'agent', text: '这个我不知道' },
    { id: 'b1', type: 'urgent.reported', ts: at(5), agentId: '2001', summary: `caller ${NUMBER} reports fraud` },
  ]);
  expect(res.status).toBe(200);
  await s.floor.tick();
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await s.close();
});

async function floorFor(b: Browser): Promise<FloorSnapshot> {
  const res = await b.call('GET', '/api/v1/floor');
  expect(res.status).toBe(200);
  return (await res.json()) as FloorSnapshot;
}

async function socketSnapshot(how: Parameters<typeof wallboard>[1]): Promise<{ socket: Wallboard; snapshot: ScreenSnapshot }> {
  const socket = wallboard(s.base, how);
  sockets.push(socket);
  return { socket, snapshot: await once<ScreenSnapshot>(socket, 'snapshot') };
}

const alertRules = (snap: FloorSnapshot | ScreenSnapshot) => snap.alerts.map((a) => `${a.rule}:${a.teamId}`).sort();

describe('what each role receives, over REST and socket.io', () => {
  it('a display: the floor, no customer number, no speech, no names of customers', async () => {
    const { snapshot } = await socketSnapshot({ deviceToken });
    const rest = await fetch(`${s.base}/api/v1/floor`, { headers: { authorization: `Bearer ${deviceToken}` } });
    expect(rest.status).toBe(200);
    for (const text of [JSON.stringify(snapshot), await rest.text()]) {
      expect(text).not.toContain('5678');
      expect(text).not.toContain('不知道');
      expect(text).not.toContain('fraud');
    }
    expect(snapshot.agents.map((a) => a.agentId).sort()).toEqual(['1001', '2001']);
    expect(snapshot.alerts.length).toBeGreaterThan(0);
    // A display only watches: no history, no commands.
    expect((await fetch(`${s.base}/api/v1/alerts`, { headers: { authorization: `Bearer ${deviceToken}` } })).status).toBe(403);
  });

  it("a shift lead: only their team's agents and alerts, numbers masked", async () => {
    const rest = await floorFor(people.leadA);
    const screen = (await socketSnapshot({ browser: people.leadA })).snapshot;
    for (const snapshot of [rest, screen]) {
      expect(snapshot.agents.map((a) => a.agentId)).toEqual(['1001']);
      expect(alertRules(snapshot)).toEqual(['forbidden-phrases:A']);
      expect(JSON.stringify(snapshot)).not.toContain(NUMBER);
    }
    expect(rest.alerts[0].sensitive).toEqual({ text: '我不知道', callerNumber: '138****5678' });
    // A screen is sent alert summaries: no customer data, masked or not, and no history.
    expect(screen.alerts[0]).not.toHaveProperty('sensitive');
    expect(screen.alerts[0]).not.toHaveProperty('history');
    expect(JSON.stringify(screen)).not.toContain('不知道');
    const b = await floorFor(people.leadB);
    expect(b.agents.map((a) => a.agentId)).toEqual(['2001']);
    expect(alertRules(b)).toEqual(['urgent-escalation:B']);
    const history = (await (await people.leadB.call('GET', '/api/v1/alerts')).json()) as Array<{ teamId?: string }>;
    expect(history.map((a) => a.teamId)).toEqual(['B']);
  });

  it('one live alert, whole (its evidence, which screens are not sent), only to whom it is visible', async () => {
    const { snapshot } = await socketSnapshot({ browser: people.supervisor });
    const teamA = snapshot.alerts.find((a) => a.rule === 'forbidden-phrases')!;
    expect(teamA).not.toHaveProperty('evidence');
    const whole = await people.leadA.call('GET', `/api/v1/alerts/${teamA.id}`);
    expect(whole.status).toBe(200);
    const alert = (await whole.json()) as { id: string; evidence: string[]; sensitive?: { callerNumber?: string } };
    expect(alert.id).toBe(teamA.id);
    expect(alert.evidence).toEqual(['c5']); // the utterance with the forbidden phrase
    // Masked for a lead, as the list masks it.
    expect(JSON.stringify(alert)).not.toContain(NUMBER);
    expect((await people.leadB.call('GET', `/api/v1/alerts/${teamA.id}`)).status).toBe(404);
    expect((await people.leadA.call('GET', '/api/v1/alerts/no-such-alert')).status).toBe(404);
  });

  it('a supervisor sees the whole floor with masked numbers; a manager reads everything', async () => {
    const sup = (await socketSnapshot({ browser: people.supervisor })).snapshot;
    expect(alertRules(sup)).toEqual(['forbidden-phrases:A', 'urgent-escalation:B']);
    expect(JSON.stringify(sup)).not.toContain(NUMBER);
    const mgr = await floorFor(people.manager);
    expect(JSON.stringify(mgr)).toContain(NUMBER);
  });

  it('deltas are cut per audience too', async () => {
    const tv = (await socketSnapshot({ deviceToken })).socket;
    const leadB = (await socketSnapshot({ browser: people.leadB })).socket;
    const tvDeltas: ScreenDelta[] = [];
    const leadBDeltas: ScreenDelta[] = [];
    tv.on('delta', (d) => tvDeltas.push(unpack(d)));
    leadB.on('delta', (d) => leadBDeltas.push(unpack(d)));
    const bothGotIt = Promise.all([once(tv, 'delta'), once(leadB, 'delta')]);
    s.clock.set(at(30));
    await ingest([{ id: 'c6', type: 'transcript.utterance', ts: at(25), callId: 'call-a', speaker: 'agent', text: `没有办法 ${NUMBER}` }]);
    await bothGotIt;
    expect(JSON.stringify(tvDeltas)).not.toMatch(/5678|没有办法/);
    expect(leadBDeltas.flatMap((d) => d.alerts)).toEqual([]);
    expect(leadBDeltas.flatMap((d) => d.agents).map((a) => a.agentId)).not.toContain('1001');
  });
});

describe('a screen scoped to some teams (handshake teams, the ?teams= of the pages)', () => {
  it('gets only those teams, in the snapshot and in deltas', async () => {
    const { socket, snapshot } = await socketSnapshot({ browser: people.supervisor, teams: ['B'] });
    expect(snapshot.agents.map((a) => a.agentId)).toEqual(['2001']);
    expect(alertRules(snapshot)).toEqual(['urgent-escalation:B']);
    const deltas: ScreenDelta[] = [];
    socket.on('delta', (d) => deltas.push(unpack(d)));
    const got = once(socket, 'delta');
    s.clock.set(at(40));
    await ingest([
      { id: 's1', type: 'agent.state', ts: at(35), agentId: '1001', state: 'not_ready', reason: 'meeting' },
      { id: 's2', type: 'agent.state', ts: at(35), agentId: '2001', state: 'not_ready', reason: 'meeting' },
    ]);
    await s.floor.tick();
    await got;
    const seen = deltas.flatMap((d) => d.agents).map((a) => a.agentId);
    expect(seen).toContain('2001');
    expect(seen).not.toContain('1001');
  });

  it('never widens a view: a lead asking for another team is refused, asking for its own and another gets its own', async () => {
    const mixed = await socketSnapshot({ browser: people.leadA, teams: ['A', 'B'] });
    expect(mixed.snapshot.agents.map((a) => a.agentId)).toEqual(['1001']);
    const other = wallboard(s.base, { browser: people.leadA, teams: ['B'] });
    sockets.push(other);
    const refused = await once<Error & { data?: unknown }>(other, 'connect_error');
    expect(refused.message).toBe('teams: none of these teams is visible to you');
    // The code travels beside the English, for the screen to decide by (shared/problems.ts).
    expect(refused.data).toEqual({ error: refused.message, code: 'notYourTeams', params: { teams: 'B' } });
  });

  it('a bad teams value is refused with the field named', async () => {
    for (const [teams, message] of [
      [[], 'teams: list at least one team, or leave teams out for the whole view'],
      ['A', 'teams: Invalid input: expected array, received string'],
      [['A', ''], 'teams.1: a team id must not be empty'],
    ] as const) {
      const bad = wallboard(s.base, { deviceToken, teams });
      sockets.push(bad);
      const refused = await once<Error & { data?: unknown }>(bad, 'connect_error');
      expect(refused.message).toBe(message);
      expect(refused.data).toMatchObject({ error: message, code: 'invalidField', field: message.slice(0, message.indexOf(':')) });
    }
  });
});

describe("an agent's day (the agent panel)", () => {
  it('reads the timeline back from the log, within a lead\'s scope only', async () => {
    const res = await people.leadA.call('GET', '/api/v1/agents/1001/day');
    expect(res.status).toBe(200);
    const day = (await res.json()) as { timeline: Array<{ state: string; from: number; to: number | null; callId?: string }>; compliance: object };
    expect(day.timeline.map((t) => [t.state, t.from - T0, t.callId ?? null])).toEqual([
      ['available', 0, null], ['ringing', 1000, 'call-a'], ['talking', 2000, 'call-a'],
    ]);
    expect(day.timeline[0].to).toBe(T0 + 1000);
    expect(day.compliance).toHaveProperty('greeting');
    expect((await people.leadB.call('GET', '/api/v1/agents/1001/day')).status).toBe(404);
    expect((await fetch(`${s.base}/api/v1/agents/1001/day`, { headers: { authorization: `Bearer ${deviceToken}` } })).status).toBe(403);
  });
});

describe('who may act', () => {
  const alertOf = async (rule: string) => (await floorFor(people.supervisor)).alerts.find((a) => a.rule === rule)!;

  it("a lead may acknowledge their team's alert, not another team's; admins and displays not at all", async () => {
    const teamA = await alertOf('forbidden-phrases');
    const path = `/api/v1/alerts/${teamA.id}/acknowledge`;
    // Each refusal says why by a code as well, for the screen to say in its reader's language.
    const otherTeam = await people.leadB.call('POST', path, { csrf: true, body: { note: 'x' } });
    expect(otherTeam.status).toBe(403);
    expect(await otherTeam.json()).toEqual({ ok: false, error: 'that is not one of your teams', code: 'notYourTeam' });
    const admin = await people.admin.call('POST', path, { csrf: true, body: {} });
    expect(admin.status).toBe(403);
    expect(await admin.json()).toEqual({
      ok: false, error: 'an administrator may not act on alerts', code: 'commandNotAllowed', params: { role: 'admin', command: 'alert.acknowledge' },
    });
    expect((await fetch(`${s.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${deviceToken}` } })).status).toBe(403);
    const { socket } = await socketSnapshot({ browser: people.leadB });
    expect(await socket.emitWithAck('alert:acknowledge', { alertId: teamA.id })).toMatchObject({ ok: false, code: 'notYourTeam' });

    const ok = await people.leadA.call('POST', path, { csrf: true, body: { note: 'spoke to the agent' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, value: { status: 'acknowledged' } });
    const audit = await s.access.listAudit({ action: 'alert-acknowledged' });
    const leadA = (await s.access.listAccounts()).find((a) => a.username === 'lead-a')!;
    expect(audit).toEqual([expect.objectContaining({ actor: leadA.id, target: teamA.id, ip: '127.0.0.1' })]);

    const again = await people.leadA.call('POST', path, { csrf: true, body: {} });
    expect(await again.json()).toMatchObject({ ok: false, code: 'alertAlreadyAcknowledged', params: { alertId: teamA.id, by: 'lead-a' }, field: 'alertId' });
  });

  it('a lead escalates their team\'s alert to the supervisor, who escalates it to the manager; the manager is the last level', async () => {
    const teamA = await alertOf('forbidden-phrases');
    const path = `/api/v1/alerts/${teamA.id}/escalate`;
    expect((await people.leadB.call('POST', path, { csrf: true, body: {} })).status).toBe(403);
    // A supervisor does not pass a lead's alert to themselves: they acknowledge it.
    const urgent = await alertOf('urgent-escalation');
    expect(urgent.escalationLevel).toBe('lead');
    const toOwnLevel = await people.supervisor.call('POST', `/api/v1/alerts/${urgent.id}/escalate`, { csrf: true, body: {} });
    expect(toOwnLevel.status).toBe(409);
    expect(await toOwnLevel.json()).toMatchObject({ ok: false, code: 'escalateToOwnLevel', field: 'alertId' });
    const byManager = await people.manager.call('POST', path, { csrf: true, body: {} });
    expect(byManager.status).toBe(403);
    expect(await byManager.json()).toMatchObject({ code: 'commandNotAllowed', params: { role: 'manager', command: 'alert.escalate' } });

    // Acknowledged by the lead (above), now beyond them: open again, at the supervisor's.
    const up = await people.leadA.call('POST', path, { csrf: true, body: { note: 'repeat offender, needs the supervisor' } });
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ ok: true, value: { status: 'open', escalationLevel: 'supervisor' } });
    const seenBySupervisor = (await floorFor(people.supervisor)).alerts.find((a) => a.id === teamA.id)!;
    expect(seenBySupervisor).toMatchObject({ status: 'open', escalationLevel: 'supervisor' });
    expect(seenBySupervisor.acknowledgedBy).toBeUndefined();
    const leadA = (await s.access.listAccounts()).find((a) => a.username === 'lead-a')!;
    expect(await s.access.listAudit({ action: 'alert-escalated' })).toEqual([
      expect.objectContaining({ actor: leadA.id, target: teamA.id, detail: expect.objectContaining({ note: 'repeat offender, needs the supervisor' }) }),
    ]);

    const { socket } = await socketSnapshot({ browser: people.supervisor });
    expect(await socket.emitWithAck('alert:escalate', { alertId: teamA.id })).toMatchObject({ ok: true, value: { escalationLevel: 'manager' } });
    const top = await people.supervisor.call('POST', path, { csrf: true, body: {} });
    expect(top.status).toBe(409);
    expect(await top.json()).toMatchObject({ ok: false, code: 'alertAtTopLevel', field: 'alertId' });
  });

  it('commands need the CSRF token with a session cookie', async () => {
    const urgent = await alertOf('urgent-escalation');
    expect((await people.leadB.call('POST', `/api/v1/alerts/${urgent.id}/acknowledge`, { body: {} })).status).toBe(403);
  });
});

describe('names for usernames (the floor records who acted by username)', () => {
  it('every person signed in reads each account\'s username and name, nothing more; a TV may not', async () => {
    const accounts = (await (await people.admin.call('GET', '/api/v1/accounts')).json()) as Array<{ id: string; username: string }>;
    const leadB = accounts.find((a) => a.username === 'lead-b')!;
    const renamed = await people.admin.call('PATCH', `/api/v1/accounts/${leadB.id}`, { csrf: true, body: { name: '李伟' } });
    expect(renamed.status).toBe(200);
    for (const who of ['leadA', 'supervisor', 'manager', 'admin'] as const) {
      const res = await people[who].call('GET', '/api/v1/people');
      expect([who, res.status]).toEqual([who, 200]);
      const body = (await res.json()) as { people: Array<Record<string, unknown>> };
      expect(body.people.map((p) => p.username).sort()).toEqual(accounts.map((a) => a.username).sort());
      expect(body.people).toContainEqual({ username: 'lead-b', name: '李伟' });
      for (const p of body.people) expect(Object.keys(p).sort()).toEqual(['name', 'username']);
    }
    // Staff names are not for the seating area.
    expect((await fetch(`${s.base}/api/v1/people`, { headers: { authorization: `Bearer ${deviceToken}` } })).status).toBe(403);
  });
});

describe('nothing answers without credentials', () => {
  it('REST: only health, sign-in and pairing', async () => {
    expect((await fetch(`${s.base}/health`)).status).toBe(200);
    for (const path of ['/api/v1/floor', '/api/v1/alerts', '/api/v1/rules', '/api/v1/accounts', '/api/v1/people', '/api/v1/audit', '/api/v1/displays', '/api/v1/feed-tokens']) {
      expect([path, (await fetch(`${s.base}${path}`)).status]).toEqual([path, 401]);
    }
    expect((await fetch(`${s.base}/api/v1/floor`, { headers: { cookie: 'fw_session=forged' } })).status).toBe(401);
    expect((await ingest([], 'forged-token')).status).toBe(401);
    expect((await fetch(`${s.base}/api/v1/events`, { method: 'POST', body: '[]' })).status).toBe(401);
    // A feed token is for ingest only.
    expect((await fetch(`${s.base}/api/v1/floor`, { headers: { authorization: `Bearer ${s.feedToken}` } })).status).toBe(401);
  });

  it('socket.io: refused without credentials, with a forged token, and for another origin', async () => {
    for (const how of [{}, { deviceToken: 'forged' }]) {
      const socket = wallboard(s.base, how);
      sockets.push(socket);
      const refused = await once<Error & { data?: unknown }>(socket, 'connect_error');
      expect(refused.message).toBe('unauthorized');
      expect(refused.data).toEqual({ error: 'unauthorized', code: 'signInRequired' });
    }
  });

  it('socket.io: a page on another origin cannot open a socket with our cookies', async () => {
    const { io: connect } = await import('socket.io-client');
    const cookie = [...people.supervisor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const socket = connect(`${s.base}/wallboard`, {
      transports: ['websocket'], reconnection: false, extraHeaders: { cookie, origin: 'http://evil.example' },
    });
    sockets.push(socket as Wallboard);
    await once(socket, 'connect_error');
    expect(socket.connected).toBe(false);
  });

  it('revoking a display disconnects it at once and refuses it after', async () => {
    const { socket } = await socketSnapshot({ deviceToken });
    const gone = once(socket, 'disconnect');
    const adminId = (await s.access.listAccounts()).find((a) => a.username === 'admin')!.id;
    const [display] = await s.access.listDevices();
    await s.access.revokeDevice(display.id, adminId);
    await gone;
    const again = wallboard(s.base, { deviceToken });
    sockets.push(again);
    expect((await once<Error>(again, 'connect_error')).message).toBe('unauthorized');
  });
});
