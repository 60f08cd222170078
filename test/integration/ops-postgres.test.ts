/**
 * `floorwatch serve --postgres URL`, as an operator runs it (a child process): the event
 * log, alerts, snapshots, the access store (accounts, audit log) and handovers go to
 * PostgreSQL, not the SQLite file (handovers an earlier version kept there are copied
 * over); /ready pings PostgreSQL; a restart (SIGTERM, then start again) finds everything
 * where it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts.js';
import type { IngestResult } from '../../shared/ingest.js';
import { POSTGRES_URL, SKIP_POSTGRES, connectTo, requirePostgres, testSchemas } from '../unit/storage/postgres-test-db.js';
import { parsePrometheusText } from '../unit/ops/prometheus-text.js';
import { wallboard } from '../helpers/secured-floor.js';
import { signInAdmin, startServerProcess, type ServerProcess } from './server-process.js';
import { once } from './once.js';
import { createSqliteHandoverStore } from '../../server/handover/sqlite-store.js';
import { makeHandover } from '../unit/handover/fixtures.js';
import { unpack, type MaybePacked } from '../../shared/packed.js';
import type { ScreenDelta } from '../../shared/wallboard.js';

const schemas = testSchemas('fw_serve');

describe.skipIf(SKIP_POSTGRES)('serve --postgres', () => {
  let dir: string;
  let schema: string;
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    await requirePostgres();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floorwatch-pg-serve-'));
    schema = schemas.next();
    // The URL chooses the schema the way an operator would: the search_path in `options`.
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
  });

  afterAll(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop('SIGKILL')));
    await schemas.dropAll();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const url = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const server = await startServerProcess(['--db', path.join(dir, 'side.db'), '--postgres', url, '--reorder-window', '0', '--no-rules']);
    running.push(server);
    return server;
  };

  it('keeps the floor, the accounts and the handovers in PostgreSQL, across a restart', async () => {
    // A handover an earlier version kept in the side file, as it did with --postgres.
    const kept = makeHandover(Date.parse('2026-11-28T12:00:00+08:00'), ['T1']);
    const sideStore = createSqliteHandoverStore(path.join(dir, 'side.db'));
    await sideStore.save(kept);
    await sideStore.close();
    const first = await start();
    const admin = await signInAdmin(first.url);
    const created = await admin.call('POST', '/api/v1/feed-tokens', { csrf: true, body: { name: 'pbx one' } });
    const { token } = (await created.json()) as { token: string };
    // The floor stores an alert before it sends the delta announcing it: the delta is the sign.
    const board = wallboard(first.url, { browser: admin });
    const alerted = new Promise<void>((resolve) => {
      board.on('delta', (delta: MaybePacked<ScreenDelta>) => {
        if (unpack(delta).alerts.some((a) => a.rule === 'forbidden-phrases')) resolve();
      });
    });
    await once(board, 'snapshot');
    const now = Date.now();
    const res = await fetch(`${first.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([
        { id: 'login-1', type: 'agent.login', ts: now, agentId: '1001', stationId: 'S-1', teamId: 'A' },
        { id: 'off-1', type: 'call.offered', ts: now, callId: 'c-1', queue: 'general', direction: 'inbound' },
        { id: 'ans-1', type: 'call.answered', ts: now, callId: 'c-1', agentId: '1001' },
        { id: 'say-1', type: 'transcript.utterance', ts: now, callId: 'c-1', speaker: 'agent', text: '这个我不知道' },
      ]),
    });
    expect((await res.json()) as IngestResult).toMatchObject({ accepted: 4, rejected: 0 });

    const ready = await fetch(`${first.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { storage: 'ok' } });
    const metrics = parsePrometheusText(await (await fetch(`${first.url}/metrics`)).text());
    expect(metrics.value('floorwatch_ingest_events_accepted_total', { feed: 'pbx one' })).toBe(4);

    await alerted;
    board.disconnect();
    const other = await connectTo(schema);
    try {
      expect((await other.query<{ rule: string }>('SELECT rule FROM alerts')).rows.map((r) => r.rule)).toContain('forbidden-phrases');
      expect((await other.query('SELECT id FROM event_log ORDER BY seq')).rows.map((r) => r.id)).toEqual(['login-1', 'off-1', 'ans-1', 'say-1']);
      const audit = (await other.query<{ action: string }>('SELECT action FROM access_audit ORDER BY seq')).rows.map((r) => r.action);
      expect(audit.some((action) => action.includes('feed-token'))).toBe(true);
      expect((await other.query<{ json: string }>('SELECT json FROM handovers')).rows.map((r) => JSON.parse(r.json) as unknown)).toEqual([kept]);
    } finally {
      await other.end();
    }
    // A graceful stop: the process exits by itself, after a final snapshot.
    expect(await first.stop('SIGTERM')).toBe(0);

    // Nothing of the floor or the accounts went to the SQLite file beside it (which
    // notifications still use; their opening may create empty tables).
    const side = new Database(path.join(dir, 'side.db'), { readonly: true });
    try {
      const tables = side.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      for (const table of ['event_log', 'alerts', 'snapshots', 'access_accounts', 'access_audit'].filter((t) => tables.includes(t))) {
        expect(side.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
      }
    } finally {
      side.close();
    }

    const second = await start();
    const again = await signInAdmin(second.url);
    const alerts = (await (await again.call('GET', '/api/v1/alerts?status=open')).json()) as Alert[];
    expect(alerts.map((a) => a.rule)).toContain('forbidden-phrases');
    const duplicate = await fetch(`${second.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ id: 'login-1', type: 'agent.login', ts: now, agentId: '1001', stationId: 'S-1', teamId: 'A' }]),
    });
    expect(await duplicate.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    const other2 = await connectTo(schema);
    try {
      const snapshots = await other2.query<{ seq: string }>('SELECT seq FROM snapshots');
      expect(snapshots.rows.map((r) => Number(r.seq))).toContain(4);
      // Copied once: the second start found it there already.
      expect((await other2.query('SELECT id FROM handovers')).rows).toEqual([{ id: kept.id }]);
    } finally {
      await other2.end();
    }
  });

  it('refuses a URL that is not PostgreSQL, without repeating it', async () => {
    const error = await startServerProcess(['--postgres', 'mysql://root:hunter2@db/floor'], 30_000).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/--postgres \/ FLOORWATCH_POSTGRES: expected a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(error?.message).not.toMatch(/hunter2/);
  });
});
