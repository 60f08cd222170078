/**
 * Three `floorwatch serve --redis --postgres` processes on one floor (real child
 * processes, a Redis of the test's own, a fresh PostgreSQL schema):
 *
 * - an event posted to one process raises the alert at a wallboard of another, once;
 * - a session signed out on one process loses its wallboards on the others;
 * - the owner is killed (SIGKILL) while batches keep coming: another process takes the
 *   lease within seconds, every acknowledged event is in the log, every alert is kept,
 *   and no alert is raised twice (in storage, and at a wallboard that stayed connected);
 * - a graceful stop (SIGTERM) hands the lease over at once, well inside its time to live.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floorKeys } from '../../../server/cluster/keys.js';
import { closeRedis, connectRedis } from '../../../server/cluster/redis.js';
import type { AlertSummary } from '../../../shared/alerts.js';
import { SKIP_POSTGRES, requirePostgres } from '../../unit/storage/postgres-test-db.js';
import { signInAdmin } from '../server-process.js';
import { SKIP_REDIS } from './private-redis.js';
import { BoardClient, callBatch, logins, startCluster, type TestCluster } from './cluster-harness.js';

const LEASE_MS = 2000;

describe.skipIf(SKIP_POSTGRES || SKIP_REDIS)('a floor served by three processes', () => {
  let cluster: TestCluster;
  const clients: BoardClient[] = [];

  beforeAll(async () => {
    await requirePostgres();
    cluster = await startCluster(3, { leaseMs: LEASE_MS });
    // The first creates the schema and the admin; the others join it.
    await cluster.start(0);
    await cluster.waitForOwner();
    await Promise.all([cluster.start(1), cluster.start(2)]);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await cluster?.close();
  });

  const board = async (i: number): Promise<BoardClient> => {
    const client = new BoardClient(cluster.nodes[i]!.url, await cluster.admin(i));
    clients.push(client);
    await client.until((c) => c.board !== undefined, 10_000, `snapshot from process ${i}`);
    return client;
  };

  it('raises at a wallboard of one process the alert an event posted to another caused', async () => {
    const owner = await cluster.waitForOwner();
    // Posted to a process that does not own the floor, watched on the third.
    const [postTo, watchOn] = [0, 1, 2].filter((i) => i !== owner);
    const watcher = await board(watchOn);
    expect(await cluster.post(postTo, logins())).toMatchObject({ accepted: 10, rejected: 0 });
    const result = await cluster.post(postTo, callBatch('fan', 1));
    expect(result).toMatchObject({ accepted: 4, duplicates: 0, rejected: 0 });
    await watcher.until((c) => c.board!.alerts.some((a) => a.rule === 'forbidden-phrases'), 10_000, 'the alert at the other process');
    // Each delta reached it once, in order: no process's deltas went to another's sockets.
    expect(watcher.resyncs).toBe(0);
    // A resend is a duplicate, wherever it is sent.
    expect(await cluster.post(owner, callBatch('fan', 1))).toMatchObject({ accepted: 0, duplicates: 4 });
    // And the owner's wallboard shows the same alert, under the same id.
    const ownerBoard = await board(owner);
    const [alert] = watcher.board!.alerts.filter((a) => a.rule === 'forbidden-phrases');
    expect(ownerBoard.board!.alerts.map((a) => a.id)).toContain(alert.id);
  });

  it('disconnects, on every process, the wallboards of a session signed out on one', async () => {
    const session = await signInAdmin(cluster.nodes[0]!.url);
    const elsewhere = new BoardClient(cluster.nodes[2]!.url, session);
    clients.push(elsewhere);
    await elsewhere.until((c) => c.board !== undefined, 10_000, 'snapshot');
    const signedOut = await session.call('DELETE', '/api/v1/session', { csrf: true });
    expect(signedOut.status).toBeLessThan(300);
    await elsewhere.until((c) => c.disconnects.includes('io server disconnect'), 5000, 'the other process cutting the socket');
  });

  it('moves the lease within seconds when the owner is killed mid-stream, losing no event and doubling no alert', { timeout: 120_000 }, async () => {
    const owner = await cluster.waitForOwner();
    const survivors = [0, 1, 2].filter((i) => i !== owner);
    const watcher = await board(survivors[0]);
    const acknowledged: string[] = [];
    const batches = 24;
    const calls = 5;
    let killedAt = 0;
    let stop = false;
    // Two feeds, one per surviving process, posting without pause; the owner dies at the sixth batch.
    const feed = async (k: number) => {
      for (let n = k; n < batches && !stop; n += 2) {
        const events = callBatch(`kill-${n}`, calls);
        for (;;) {
          try {
            const result = await cluster.post(survivors[k], events);
            expect(result.rejected).toBe(0);
            acknowledged.push(...events.map((e) => (e as { id: string }).id));
            break;
          } catch (err) {
            // A feed resends what was not acknowledged (ids make that harmless).
            if (Date.now() - killedAt > 30_000) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        if (n === 6 && killedAt === 0) {
          killedAt = Date.now();
          await cluster.nodes[owner]!.stop('SIGKILL');
        }
      }
    };
    await Promise.all([feed(0), feed(1)]);
    stop = true;
    expect(killedAt).toBeGreaterThan(0);

    const next = await cluster.waitForOwner(15_000, owner);
    expect(survivors).toContain(next);
    const tookOverIn = Date.now() - killedAt;
    // Lease 1.5 s: well within seconds, even counting the rebuild and the checks' polling.
    expect(tookOverIn).toBeLessThan(10_000);

    // Every acknowledged event reaches the log (the new owner consumes what the dead one had not).
    const expected = new Set(acknowledged);
    await expect.poll(async () => {
      const rows = await cluster.sql<{ id: string }>('SELECT id FROM event_log WHERE id LIKE $1', ['%-kill-%']);
      return rows.filter((r) => expected.has(r.id)).length;
    }, { timeout: 20_000, interval: 250 }).toBe(expected.size);

    // One forbidden-phrases alert per call: none lost, none twice, in storage...
    const totalCalls = batches * calls;
    await expect.poll(async () => (await cluster.sql<{ id: string }>(
      "SELECT id FROM alerts WHERE rule = 'forbidden-phrases' AND json::jsonb->>'callId' LIKE 'c-kill-%'")).length,
    { timeout: 20_000, interval: 250 }).toBe(totalCalls);
    const stored = await cluster.sql<{ id: string; call: string }>(
      "SELECT id, json::jsonb->>'callId' AS call FROM alerts WHERE rule = 'forbidden-phrases' AND json::jsonb->>'callId' LIKE 'c-kill-%'");
    expect(new Set(stored.map((r) => r.call)).size).toBe(totalCalls);
    expect(new Set(stored.map((r) => r.id)).size).toBe(totalCalls);

    // ...and at the wallboard that stayed connected through it all: each call's alert under one id.
    await watcher.until((c) => [...c.seen.keys()].filter((id) => stored.some((r) => r.id === id)).length === totalCalls, 20_000, 'every alert at the wallboard');
    const live = watcher.board!.alerts.filter((a: AlertSummary) => a.rule === 'forbidden-phrases' && a.callId?.startsWith('c-kill-'));
    expect(live).toHaveLength(totalCalls);
    expect(new Set(live.map((a) => a.callId)).size).toBe(totalCalls);
    expect(live.every((a) => stored.some((r) => r.id === a.id))).toBe(true);
    // The surviving processes agree, after the change of owner, on the whole board.
    const other = await board(survivors[1]);
    await expect.poll(() => JSON.stringify(other.board!.alerts.map((a) => a.id).sort()), { timeout: 10_000 })
      .toBe(JSON.stringify(watcher.board!.alerts.map((a) => a.id).sort()));
  });

  it('hands the lease over at once on a graceful stop', { timeout: 90_000 }, async () => {
    // Back to three: the killed one comes back as a replica.
    const dead = cluster.nodes.findIndex((n) => n!.child.exitCode !== null || n!.child.signalCode !== null);
    if (dead >= 0) await cluster.start(dead);
    const owner = await cluster.waitForOwner();
    const redis = await connectRedis(cluster.redis.url, { name: 'test', logger: pino({ level: 'silent' }) });
    try {
      const lease = floorKeys('main').lease;
      const before = (await redis.sendCommand(['GET', lease])) as string;
      const stoppedAt = Date.now();
      const exited = cluster.nodes[owner]!.stop('SIGTERM');
      // Watched in Redis itself: the lease changes hands when released, not when it expires.
      let after = before;
      while (after === before || after === null) {
        if (Date.now() - stoppedAt > 10_000) throw new Error('the lease did not move');
        await new Promise((r) => setTimeout(r, 10));
        after = (await redis.sendCommand(['GET', lease])) as string;
      }
      const handedOverIn = Date.now() - stoppedAt;
      expect(handedOverIn).toBeLessThan(LEASE_MS);
      const next = await cluster.waitForOwner(10_000, owner);
      expect(next).not.toBe(owner);
      expect(await exited).toBe(0);
      // The stopped process's log says it handed the floor over; the next one took it as a handover.
      expect(cluster.nodes[owner]!.log.join('\n')).toMatch(/floor handed over/);
      expect(cluster.nodes[next]!.log.join('\n')).toMatch(/"takeover":"handover"/);
    } finally {
      closeRedis(redis);
    }
  });
});
