/**
 * The fence in PostgreSQL, against the real server: a newer token fences off an older
 * holder's writes, a claim waits for a write already under way (so a rebuild after the
 * claim sees it), and a schema belongs to one floor.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { FenceLostError, PostgresFence } from '../../../server/cluster/fence.js';
import { fencedStorage } from '../../../server/cluster/fenced-storage.js';
import { Floor } from '../../../server/floor/floor.js';
import { createPostgresStorage } from '../../../server/storage/postgres/index.js';
import { POSTGRES_URL, SKIP_POSTGRES, requirePostgres, testSchemas } from '../storage/postgres-test-db.js';

const schemas = testSchemas('fw_fence');

async function schemaUrl(): Promise<string> {
  const schema = schemas.next();
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

describe.skipIf(SKIP_POSTGRES)('the PostgreSQL fence', () => {
  const opened: PostgresFence[] = [];
  const open = async (url: string, floorId = 'main') => {
    const fence = await PostgresFence.open({ url, floorId });
    opened.push(fence);
    return fence;
  };

  beforeAll(requirePostgres);
  afterAll(async () => {
    await Promise.all(opened.map((f) => f.close()));
    await schemas.dropAll();
  });

  it('lets the newest token write and refuses an older one', async () => {
    const url = await schemaUrl();
    const [a, b] = [await open(url), await open(url)];
    expect(await a.current()).toBe(0);
    expect(await a.claim(1, 'a')).toBe(true);
    expect(await a.guard(1, async () => 'written')).toBe('written');

    expect(await b.claim(2, 'b')).toBe(true);
    let ran = false;
    const stale = a.guard(1, async () => {
      ran = true;
    });
    await expect(stale).rejects.toBeInstanceOf(FenceLostError);
    expect(ran).toBe(false);
    // A token the storage has seen already cannot be claimed again (nor a lower one).
    expect(await a.claim(2, 'a')).toBe(false);
    expect(await a.claim(1, 'a')).toBe(false);
    expect(await b.current()).toBe(2);
  });

  it("makes a claim wait for the old holder's write under way, so nothing lands after it", async () => {
    const url = await schemaUrl();
    const [a, b] = [await open(url), await open(url)];
    await a.claim(1, 'a');
    const order: string[] = [];
    let finishWrite!: () => void;
    const writing = a.guard(1, () => new Promise<void>((resolve) => {
      order.push('write started');
      finishWrite = () => {
        order.push('write done');
        resolve();
      };
    }));
    await expect.poll(() => order).toEqual(['write started']);
    const claimed = b.claim(2, 'b').then((ok) => {
      order.push('claimed');
      return ok;
    });
    // The claim is blocked on the write's lock; the write is not cut off.
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual(['write started']);
    finishWrite();
    await writing;
    expect(await claimed).toBe(true);
    expect(order).toEqual(['write started', 'write done', 'claimed']);
  });

  it("stops a stale owner's floor at its first write, leaving the log as the new owner has it", async () => {
    const url = await schemaUrl();
    const storage = await createPostgresStorage({ url });
    try {
      const [a, b] = [await open(url), await open(url)];
      await a.claim(1, 'a');
      const now = Date.now();
      const floor = await Floor.open({
        storage: fencedStorage(storage, (write) => a.guard(1, write)), clock: { now: () => now }, rules: defaultRulesConfig(), reorderWindowMs: 0,
      });
      const login = (id: string) => ({
        receivedAt: now, entries: [{ id, payload: { kind: 'event' as const, event: { id, type: 'agent.login' as const, ts: now, agentId: id, stationId: 'S' } } }],
      });
      expect(await floor.applyAccepted([login('a-1')])).toEqual([{ appended: 1, duplicates: 0 }]);
      await b.claim(2, 'b'); // a new owner took the floor while this one was stalled
      await expect(floor.applyAccepted([login('a-2')])).rejects.toBeInstanceOf(FenceLostError);
      expect((await storage.log.read(0, 10)).map((e) => e.id)).toEqual(['a-1']);
    } finally {
      await storage.close();
    }
  });

  it('refuses a schema that already holds another floor', async () => {
    const url = await schemaUrl();
    await open(url, 'north');
    await expect(open(url, 'south')).rejects.toThrow(/holds floor "north".*schema of its own/);
  });
});
