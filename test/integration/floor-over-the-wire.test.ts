/**
 * The real floor (SQLite on a temp file) behind the real HTTP and socket.io edges, on a
 * fake clock: events posted over HTTP raise alerts at a connected wallboard client, bad
 * batches keep their good events, and a shift lead's acknowledgement reaches everyone.
 */
import { stubAccess, SUPERVISOR } from '../helpers/stub-access.js';
import type { Viewer } from '../../server/access/principal.js';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts.js';
import type { IngestResult } from '../../shared/ingest.js';
import { unpack, type MaybePacked } from '../../shared/packed.js';
import type { FloorSnapshot, ScreenDelta, ScreenSnapshot, WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { createApplication, type Application } from '../../server/app.js';
import { Floor } from '../../server/floor/floor.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import type { Storage } from '../../server/storage/types.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { T0 } from '../helpers/engine-harness.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { once } from './once.js';

type Wallboard = Socket<WallboardServerToClient, WallboardClientToServer>;

let clock: FakeClock;
let storage: Storage;
let floor: Floor;
let application: Application;
let base: string;
let wallboard: Wallboard;
let viewer: Viewer = SUPERVISOR;
const DISPLAY: Viewer = { kind: 'device', id: 'd-tv', name: 'TV', role: 'display', teams: [] };

const at = (s: number) => new Date(T0 + s * 1000).toISOString();

async function post(body: unknown): Promise<{ status: number; result: IngestResult }> {
  const res = await fetch(`${base}/api/v1/events`, {
    method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, result: (await res.json()) as IngestResult };
}

/** Moves the clock and lets the floor catch up, as the server's ticker would. */
async function advanceTo(seconds: number): Promise<void> {
  clock.set(T0 + seconds * 1000);
  await floor.tick();
  floor.flush();
}

/** Collects deltas until one carries an alert of `rule`. */
function nextAlert(rule: string): Promise<ScreenDelta> {
  return new Promise((resolve) => {
    const onDelta = (frame: MaybePacked<ScreenDelta>) => {
      const d = unpack(frame);
      if (d.alerts.some((a) => a.rule === rule)) {
        wallboard.off('delta', onDelta);
        resolve(d);
      }
    };
    wallboard.on('delta', onDelta);
  });
}

beforeEach(async () => {
  viewer = SUPERVISOR;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-wire-'));
  clock = new FakeClock(T0);
  storage = createSqliteStorage(path.join(dir, 'floor.db'));
  floor = await Floor.open({ storage, clock, rules: defaultRulesConfig(), reorderWindowMs: 2000 });
  application = createApplication({ floor, logger: pino({ level: 'silent' }), access: stubAccess(() => viewer).edge });
  await new Promise<void>((r) => application.httpServer.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(application.httpServer.address() as AddressInfo).port}`;
  wallboard = connect(`${base}/wallboard`, { transports: ['websocket'], reconnection: false });
  await once<ScreenSnapshot>(wallboard, 'snapshot');
});

afterEach(async () => {
  wallboard.close();
  await application.close();
  await floor.close();
  await storage.close();
});

describe('the floor over real HTTP and socket.io', () => {
  it('a call posted over HTTP that rings 10 s raises the alert at a connected wallboard, at second 10', async () => {
    const { status, result } = await post([
      { id: 'e1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1', teamId: 't1' },
      { id: 'e2', type: 'call.offered', ts: at(1), callId: 'c1', queue: 'general', direction: 'inbound', from: '13812345678' },
      { id: 'e3', type: 'call.ringing', ts: at(2), callId: 'c1', agentId: '1001' },
    ]);
    expect(status).toBe(200);
    expect(result).toEqual({ accepted: 3, duplicates: 0, rejected: 0, errors: [] });
    const alerted = nextAlert('answer-3-rings');
    await advanceTo(11.9 + 2);
    await advanceTo(12 + 2);
    const delta = await alerted;
    expect(delta.alerts[0]).toMatchObject({ rule: 'answer-3-rings', agentId: '1001', callId: 'c1', openedAt: T0 + 12_000, status: 'open' });
    expect(delta.agents.find((a) => a.agentId === '1001')?.openAlerts).toBe(1);

    // A shift lead acknowledges over socket.io; the wallboard sees it at once.
    const acked = new Promise<ScreenDelta>((resolve) => wallboard.on('delta', (frame) => { const d = unpack(frame); if (d.alerts.some((a) => a.status === 'acknowledged')) resolve(d); }));
    const ack = await wallboard.emitWithAck('alert:acknowledge', { alertId: delta.alerts[0].id, note: 'calling the agent' });
    expect(ack).toMatchObject({ ok: true, value: { status: 'acknowledged', acknowledgedBy: 'sup' } });
    expect((await acked).alerts[0].acknowledgeNote).toBe('calling the agent');

    // Answering clears it on its own.
    await post([{ id: 'e4', type: 'call.answered', ts: at(20), callId: 'c1', agentId: '1001' }]);
    const resolved = nextAlert('answer-3-rings');
    await advanceTo(22);
    expect((await resolved).alerts[0]).toMatchObject({ status: 'resolved', resolvedBy: 'auto' });
    const res = await fetch(`${base}/api/v1/alerts?status=resolved`);
    expect(((await res.json()) as Array<{ id: string }>).map((a) => a.id)).toEqual([delta.alerts[0].id]);
  });

  it('a bad batch gets per-event errors and its good events are kept', async () => {
    const { status, result } = await post([
      { id: 'g1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1' },
      { id: 'b1', type: 'agent.login', ts: at(0), stationId: 'S-2' },
      { id: 'b2', type: 'call.ringing', ts: 'yesterday', callId: 'c1', agentId: '1001' },
      { id: 'g2', type: 'agent.state', ts: at(1), agentId: '1001', state: 'not_ready', reason: 'break' },
      { id: 'b3', type: 'coffee.break', ts: at(1) },
    ]);
    expect(status).toBe(200);
    expect(result.accepted).toBe(2);
    expect(result.errors.map((e) => [e.index, e.field])).toEqual([[1, 'agentId'], [2, 'ts'], [4, 'type']]);
    await advanceTo(4);
    const floorNow = (await (await fetch(`${base}/api/v1/floor`)).json()) as FloorSnapshot;
    expect(floorNow.agents).toEqual([expect.objectContaining({ agentId: '1001', state: 'not_ready', reason: 'break' })]);
    // Resending the same batch changes nothing.
    expect((await post([{ id: 'g1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1' }])).result)
      .toMatchObject({ accepted: 0, duplicates: 1 });
  });
});

describe('customer data', () => {
  it('never reaches a display: no caller number or speech in snapshots, deltas or REST; supervisors get it masked in the alert list, screens not at all', async () => {
    viewer = DISPLAY;
    const tv: Wallboard = connect(`${base}/wallboard`, { transports: ['websocket'], reconnection: false });
    const seen: string[] = [JSON.stringify(await once<ScreenSnapshot>(tv, 'snapshot'))];
    tv.on('delta', (d) => seen.push(JSON.stringify(d)));
    await post([
      { id: 's1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1' },
      { id: 's2', type: 'call.offered', ts: at(1), callId: 'c9', queue: 'general', direction: 'inbound', from: '13812345678' },
      { id: 's3', type: 'call.ringing', ts: at(1), callId: 'c9', agentId: '1001' },
      { id: 's4', type: 'call.answered', ts: at(2), callId: 'c9', agentId: '1001' },
      { id: 's5', type: 'transcript.utterance', ts: at(3), callId: 'c9', speaker: 'agent', text: '请问是13812345678吗' },
    ]);
    const tvAlert = new Promise<void>((resolve) => tv.on('delta', (d) => { if (unpack(d).alerts.length > 0) resolve(); }));
    const supervisorSaw = nextAlert('greeting');
    await advanceTo(6);
    await tvAlert;
    seen.push(JSON.stringify(await tv.emitWithAck('resync')));
    seen.push(await (await fetch(`${base}/api/v1/floor`)).text());
    tv.close();
    for (const text of seen) {
      expect(text).not.toContain('5678');
      expect(text).not.toContain('请问');
      expect(text).not.toContain('sensitive');
    }
    // The supervisor's socket (opened before) got the alert as a summary: no speech, no
    // number, no history (no screen shows them; they stay in the alert list)...
    const forSupervisor = (await supervisorSaw).alerts[0];
    expect(forSupervisor).toMatchObject({ rule: 'greeting', callId: 'c9' });
    expect(forSupervisor).not.toHaveProperty('sensitive');
    expect(forSupervisor).not.toHaveProperty('history');
    // ...which gives the supervisor the speech with the number masked.
    viewer = SUPERVISOR;
    const listed = (await (await fetch(`${base}/api/v1/alerts?rule=greeting`)).json()) as Alert[];
    expect(listed[0].sensitive).toEqual({ text: '请问是138****5678吗', callerNumber: '138****5678' });
    expect(listed[0].history.map((h) => h.action)).toEqual(['opened']);
    // The full record stays on the server, for the department manager.
    const stored = await storage.alerts.list({ rule: 'greeting' });
    expect(stored[0].sensitive?.callerNumber).toBe('13812345678');
  });
});
