/**
 * Redis restarts under load, with three processes serving the floor and wallboards
 * connected to each:
 *
 * - durable Redis (appendonly, fsync always, docs/deployment.md): feeds keep posting
 *   through the outage (resending what was not acknowledged); afterwards every
 *   acknowledged event is in the log, each call has its one alert, and every wallboard
 *   shows the same board as the owner's;
 * - Redis without persistence (it comes back empty): the processes notice the lease is
 *   gone, one takes it again with a fencing token above every earlier one, and the board
 *   recovers: new events raise their alerts at every wallboard, none twice.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_POSTGRES, requirePostgres } from '../../unit/storage/postgres-test-db.js';
import { SKIP_REDIS } from './private-redis.js';
import { BoardClient, callBatch, logins, startCluster, type TestCluster } from './cluster-harness.js';

describe.skipIf(SKIP_POSTGRES || SKIP_REDIS)('Redis restarting under a floor served by three processes', () => {
  let cluster: TestCluster | undefined;
  const clients: BoardClient[] = [];

  beforeAll(requirePostgres);
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await cluster?.close();
    cluster = undefined;
  });

  async function threeProcesses(appendonly: boolean): Promise<{ cluster: TestCluster; boards: BoardClient[] }> {
    const c = await startCluster(3, { leaseMs: 1500, appendonly });
    cluster = c;
    await c.start(0);
    await c.waitForOwner();
    await Promise.all([c.start(1), c.start(2)]);
    // The first sign-in changes the one-time password (and ends the sessions made with it): first, alone.
    await c.admin(0);
    const boards = await Promise.all([0, 1, 2].map(async (i) => {
      const client = new BoardClient(c.nodes[i]!.url, await c.admin(i));
      clients.push(client);
      await client.until((b) => b.board !== undefined, 10_000, `snapshot from process ${i}`);
      return client;
    }));
    expect(await c.post(0, logins())).toMatchObject({ accepted: 10 });
    return { cluster: c, boards };
  }

  /** Posts batches to processes in turn until `stop`, resending each until it is acknowledged. */
  function feed(c: TestCluster, tag: string, acknowledged: string[], state: { stop: boolean }): Promise<number> {
    return (async () => {
      let n = 0;
      while (!state.stop) {
        const events = callBatch(`${tag}-${n}`, 3);
        for (;;) {
          try {
            await c.post(n % 3, events);
            acknowledged.push(...events.map((e) => (e as { id: string }).id));
            break;
          } catch {
            await new Promise((r) => setTimeout(r, 100)); // Redis away: resend
          }
        }
        n += 1;
      }
      return n;
    })();
  }

  /** The live forbidden-phrases alerts of calls whose id starts with `prefix`, on this board. */
  const phrases = (b: BoardClient, prefix: string) => b.board!.alerts.filter((a) => a.rule === 'forbidden-phrases' && a.callId?.startsWith(prefix));

  const sameAlerts = (boards: BoardClient[]) => {
    const sets = boards.map((b) => JSON.stringify(b.board!.alerts.map((a) => a.id).sort()));
    return sets.every((s) => s === sets[0]);
  };

  it('loses no acknowledged event with a durable Redis, and every wallboard recovers', { timeout: 180_000 }, async () => {
    const { cluster: c, boards } = await threeProcesses(true);
    const acknowledged: string[] = [];
    const state = { stop: false };
    const feeding = feed(c, 'aof', acknowledged, state);
    await expect.poll(() => acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(40);
    // While Redis is down a process is not ready (a load balancer stops sending it traffic).
    const url = c.nodes[1]!.url;
    const readyStatus = async (): Promise<number> => (await fetch(`${url}/ready`)).status;
    expect(await readyStatus()).toBe(200);
    await c.redis.restart({
      downMs: 1000,
      whileDown: () => expect.poll(readyStatus, { timeout: 15_000, interval: 250 }).toBe(503),
    });
    await expect.poll(readyStatus, { timeout: 20_000, interval: 250 }).toBe(200);
    const afterRestart = acknowledged.length;
    await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThan(afterRestart + 40);
    state.stop = true;
    const batches = await feeding;
    // Nothing in the outage took a process down.
    expect(c.nodes.map((n) => n!.child.exitCode ?? n!.child.signalCode)).toEqual([null, null, null]);

    await c.waitForOwner(15_000);
    const expected = new Set(acknowledged);
    await expect.poll(async () => (await c.sql<{ id: string }>("SELECT id FROM event_log WHERE id LIKE '%-aof-%'"))
      .filter((r) => expected.has(r.id)).length, { timeout: 20_000, interval: 250 }).toBe(expected.size);
    const calls = batches * 3;
    await expect.poll(async () => (await c.sql<{ call: string }>(
      "SELECT json::jsonb->>'callId' AS call FROM alerts WHERE rule = 'forbidden-phrases' AND json::jsonb->>'callId' LIKE 'c-aof-%'")).length,
    { timeout: 20_000, interval: 250 }).toBe(calls);
    // Every wallboard, on every process, comes back to the same board.
    await Promise.all(boards.map((b, i) => b.until(() => sameAlerts(boards) && phrases(b, 'c-aof-').length === calls,
      20_000, `board of process ${i}`)));
  });

  it('takes the lease again above every earlier token when Redis comes back empty, and the board recovers', { timeout: 180_000 }, async () => {
    const { cluster: c, boards } = await threeProcesses(false);
    await c.post(1, callBatch('before', 2));
    await Promise.all(boards.map((b) => b.until((x) => phrases(x, 'c-before-').length === 2)));
    const [{ token: before }] = await c.sql<{ token: string }>('SELECT token FROM floorwatch_cluster_fence');
    const acknowledged: string[] = [];
    const state = { stop: false };
    const feeding = feed(c, 'mem', acknowledged, state);
    await expect.poll(() => acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(20);
    await c.redis.restart({ downMs: 500 });
    const afterRestart = acknowledged.length;
    await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThan(afterRestart + 40);
    state.stop = true;
    await feeding;
    expect(c.nodes.map((n) => n!.child.exitCode ?? n!.child.signalCode)).toEqual([null, null, null]);

    await c.waitForOwner(15_000);
    // The new holder shows in Redis first; its token reaches PostgreSQL when it fences the storage.
    await expect.poll(async () => Number((await c.sql<{ token: string }>('SELECT token FROM floorwatch_cluster_fence'))[0]!.token),
      { timeout: 15_000, interval: 100 }).toBeGreaterThan(Number(before));
    // New events after the restart reach every wallboard, each call's alert once.
    await c.post(2, callBatch('after', 3));
    await Promise.all(boards.map((b, i) => b.until((x) => phrases(x, 'c-after-').length === 3,
      20_000, `new alerts at process ${i}`)));
    const stored = await c.sql<{ id: string; call: string }>("SELECT id, json::jsonb->>'callId' AS call FROM alerts WHERE rule = 'forbidden-phrases'");
    expect(new Set(stored.map((r) => r.call)).size).toBe(stored.length);
    await Promise.all(boards.map((b, i) => b.until(() => sameAlerts(boards), 20_000, `board of process ${i}`)));
    // What was consumed before Redis went is in the log; what was not may be gone (documented).
    const logged = new Set((await c.sql<{ id: string }>("SELECT id FROM event_log WHERE id LIKE '%-before-%'")).map((r) => r.id));
    expect(logged.size).toBe(8);
  });
});
