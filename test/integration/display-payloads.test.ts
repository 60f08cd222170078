/**
 * What the TV in the seating area is sent, captured off the wire (a paired display's real
 * socket.io connection, and `GET /api/v1/floor` with its device token): no note a lead
 * typed (acknowledge, resolve, history) and no phone system's call id, in the snapshot and
 * in the deltas, while a supervisor still gets both. Fails if either reaches the display.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts.js';
import { unpack, type MaybePacked } from '../../shared/packed.js';
import type { FloorSnapshot, ScreenDelta, ScreenSnapshot } from '../../shared/wallboard.js';
import { T0 } from '../helpers/engine-harness.js';
import { addPerson, expectJson, pairedTvToken, postAs, signIn, startSecuredFloor, wallboard, INITIAL_ADMIN, type SecuredFloor, type Wallboard } from '../helpers/secured-floor.js';
import type { Browser } from './access/access-server.js';
import { once } from './once.js';

/** A Twilio CallSid and an Asterisk uniqueid: each finds the customer in the phone system. */
const CALL_A = 'CA9f1c2d3e4b5a69788796a5b4c3d2e1f0';
const CALL_B = '1712345678.4321';
const ACK_NOTE = 'called back customer Zhang Wei on 13912345678';
const RESOLVE_NOTE = 'refund agreed with Zhang Wei (13912345678)';
/** Nothing of these may reach a display. */
const SECRETS = [CALL_A, CALL_B, 'Zhang Wei', '13912345678', '5678'];

let s: SecuredFloor;
let supervisor: Browser;
let deviceToken: string;
const sockets: Wallboard[] = [];
const at = (sec: number) => T0 + sec * 1000;

async function ingest(events: object[]): Promise<void> {
  const res = await fetch(`${s.base}/api/v1/events`, {
    method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json', authorization: `Bearer ${s.feedToken}` },
  });
  expect(res.status).toBe(200);
  await s.floor.tick();
}

/** A screen, and every delta it is sent, unpacked. */
interface Screen { socket: Wallboard; snapshot: ScreenSnapshot; deltas: ScreenDelta[] }

async function screen(how: Parameters<typeof wallboard>[1]): Promise<Screen> {
  const socket = wallboard(s.base, how);
  sockets.push(socket);
  const deltas: ScreenDelta[] = [];
  socket.on('delta', (d) => deltas.push(unpack(d)));
  const snapshot = unpack(await once<MaybePacked<ScreenSnapshot>>(socket, 'snapshot'));
  return { socket, snapshot, deltas };
}

/** Resolves once the screen has been sent a delta this holds for (one sent already counts). */
async function deltaWhere(sc: Screen, holds: (d: ScreenDelta) => boolean): Promise<ScreenDelta> {
  for (let waited = 0; waited < 5000; waited += 10) {
    const found = sc.deltas.find(holds);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no such delta within 5 s');
}

/** `GET /api/v1/floor` as a person (their browser): the whole snapshot their role may see. */
async function floorFor(who: Browser): Promise<FloorSnapshot>;
/** `GET /api/v1/floor` as a display (its device token): what its socket is sent. */
async function floorFor(who: { deviceToken: string }): Promise<ScreenSnapshot>;
async function floorFor(who: Browser | { deviceToken: string }): Promise<FloorSnapshot | ScreenSnapshot> {
  const res = 'deviceToken' in who
    ? await fetch(`${s.base}/api/v1/floor`, { headers: { authorization: `Bearer ${who.deviceToken}` } })
    : await who.call('GET', '/api/v1/floor');
  return expectJson<FloorSnapshot>(res, 200);
}

const expectNothingSecret = (payload: unknown): void => {
  const text = JSON.stringify(payload);
  for (const secret of SECRETS) expect(text, `"${secret}" reached a display`).not.toContain(secret);
};

beforeAll(async () => {
  s = await startSecuredFloor();
  const admin = await signIn(s.base, 'admin', INITIAL_ADMIN);
  supervisor = await addPerson(admin, s.base, 'sup', 'supervisor');
  deviceToken = await pairedTvToken(s.access);
  s.clock.set(at(10));
  await ingest([
    { id: 'l1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1', teamId: 'A' },
    { id: 'l2', type: 'agent.login', ts: at(0), agentId: '2001', stationId: 'S-2', teamId: 'A' },
    { id: 'c1', type: 'call.offered', ts: at(1), callId: CALL_A, queue: 'general', direction: 'inbound', from: '13812345678' },
    { id: 'c2', type: 'call.ringing', ts: at(1), callId: CALL_A, agentId: '1001' },
    { id: 'c3', type: 'call.answered', ts: at(2), callId: CALL_A, agentId: '1001' },
    { id: 'c4', type: 'transcript.utterance', ts: at(4), callId: CALL_A, speaker: 'agent', text: '这个我不知道' },
  ]);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await s.close();
});

describe('what a paired display is sent', () => {
  let tv: Screen;
  let sup: Screen;
  let alertId: string;

  it('the snapshot: agents and alerts without call ids; a supervisor gets them', async () => {
    tv = await screen({ deviceToken });
    sup = await screen({ browser: supervisor });
    const supAlert = sup.snapshot.alerts.find((a) => a.rule === 'forbidden-phrases')!;
    alertId = supAlert.id;
    expect(supAlert.callId).toBe(CALL_A);
    expect(supAlert.subject).toEqual({ kind: 'call', id: `${CALL_A}:1001` }); // per call and agent (art. 68)
    expect(sup.snapshot.agents.find((a) => a.agentId === '1001')?.callId).toBe(CALL_A);

    expectNothingSecret(tv.snapshot);
    const tvAlert = tv.snapshot.alerts.find((a) => a.id === alertId)!;
    // Still one alert per alert on the TV: its subject names the alert, not the call.
    expect(tvAlert).toMatchObject({ rule: 'forbidden-phrases', subject: { kind: 'call', id: alertId } });
    expect(tvAlert).not.toHaveProperty('callId');
    expect(tv.snapshot.agents.find((a) => a.agentId === '1001')).toMatchObject({ state: 'talking' });
  });

  it("a delta with an agent's new call: the call id reaches the supervisor, not the display", async () => {
    s.clock.set(at(20));
    await ingest([
      { id: 'd1', type: 'call.offered', ts: at(15), callId: CALL_B, queue: 'general', direction: 'inbound', from: '13812345678' },
      { id: 'd2', type: 'call.ringing', ts: at(15), callId: CALL_B, agentId: '2001' },
      { id: 'd3', type: 'call.answered', ts: at(16), callId: CALL_B, agentId: '2001' },
    ]);
    const talking = (d: ScreenDelta) => d.agents.some((a) => a.agentId === '2001' && a.state === 'talking');
    expect((await deltaWhere(sup, talking)).agents.find((a) => a.agentId === '2001')?.callId).toBe(CALL_B);
    await deltaWhere(tv, talking);
    expectNothingSecret(tv.deltas);
  });

  it('a delta after an acknowledge with a note, the snapshot after it, and GET /api/v1/floor', async () => {
    const ack = await postAs(supervisor, `/api/v1/alerts/${alertId}/acknowledge`, { note: ACK_NOTE });
    expect(ack.status).toBe(200);
    const acknowledged = (d: ScreenDelta) => d.alerts.some((a) => a.id === alertId && a.status === 'acknowledged');
    expect((await deltaWhere(sup, acknowledged)).alerts.find((a) => a.id === alertId)?.acknowledgeNote).toBe(ACK_NOTE);
    const tvDelta = await deltaWhere(tv, acknowledged);
    expect(tvDelta.alerts.find((a) => a.id === alertId)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'sup' });
    expectNothingSecret(tv.deltas);

    // A display connecting now, and one reading the floor over REST (the same summaries).
    expectNothingSecret((await screen({ deviceToken })).snapshot);
    const rest = await floorFor({ deviceToken });
    expectNothingSecret(rest);
    const restAlert = rest.alerts.find((a) => a.id === alertId)!;
    expect(restAlert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'sup' });
    expect(restAlert).not.toHaveProperty('history');
    expect(restAlert).not.toHaveProperty('evidence');

    // The supervisor's REST floor is as it was: the note, in the alert and its history, and the call ids.
    const whole = await floorFor(supervisor);
    const supAlert: Alert = whole.alerts.find((a) => a.id === alertId)!;
    expect(supAlert.acknowledgeNote).toBe(ACK_NOTE);
    expect(supAlert.history.find((h) => h.action === 'acknowledged')?.note).toBe(ACK_NOTE);
    expect(supAlert.callId).toBe(CALL_A);
    expect(supAlert.evidence).toEqual(['c4']);
    expect(whole.agents.map((a) => a.callId).sort()).toEqual([CALL_B, CALL_A].sort());
  });

  it('GET /api/v1/floor gives a display exactly its socket snapshot: floor-wide compliance, never per agent', async () => {
    const rest = await floorFor({ deviceToken });
    const socket = (await screen({ deviceToken })).snapshot;
    // The seq is the audience's own on the socket, the floor's here; serverTime is when each was sent.
    const comparable = ({ seq: _seq, serverTime: _time, ...body }: ScreenSnapshot) => body;
    expect(comparable(rest)).toEqual(comparable(socket));
    expect(JSON.stringify(rest.compliance)).not.toMatch(/byAgent|byTeam|1001|2001/);
    // A person's REST floor keeps the per-agent figures their role may see.
    const whole = await floorFor(supervisor);
    expect(Object.keys(whole.compliance.byAgent)).toContain('1001');
  });

  it('a delta after a resolve with a note', async () => {
    const resolve = await postAs(supervisor, `/api/v1/alerts/${alertId}/resolve`, { note: RESOLVE_NOTE });
    expect(resolve.status).toBe(200);
    const resolved = (d: ScreenDelta) => d.alerts.some((a) => a.id === alertId && a.status === 'resolved');
    const supResolved = (await deltaWhere(sup, resolved)).alerts.find((a) => a.id === alertId)!;
    expect(supResolved).toMatchObject({ resolution: RESOLVE_NOTE, acknowledgeNote: ACK_NOTE, callId: CALL_A });
    const tvResolved = (await deltaWhere(tv, resolved)).alerts.find((a) => a.id === alertId)!;
    expect(tvResolved).toMatchObject({ status: 'resolved', resolvedBy: 'sup' });
    expect(tvResolved).not.toHaveProperty('resolution');
    expectNothingSecret(tv.deltas);
  });
});
