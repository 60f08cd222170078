/**
 * Delivery that can be trusted, on a clock the test moves (no waiting): a receiver that
 * fails and then recovers gets everything, after retries with growing delays; one that
 * keeps failing puts the notification on the dead-letter list, from where a resend
 * delivers it; and a decision survives the process stopping before it was sent.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../../server/notify/delivery/sender.js';
import { DELIVERY_HEADER } from '../../server/notify/channels/webhook.js';
import { forbiddenPhrase, notifyFile, openWorld, startHttpReceiver, type HttpReceiver, type World } from './notify-harness.js';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function setup(maxAttempts = 4): Promise<{ world: World; receiver: HttpReceiver; events: DeliveryEvent[] }> {
  const receiver = await startHttpReceiver();
  open.push(receiver);
  const world = await openWorld({ file: file(receiver.url, maxAttempts) });
  open.push(world);
  const events: DeliveryEvent[] = [];
  world.notifier.sender.on((e) => events.push(e));
  return { world, receiver, events };
}

function file(url: string, maxAttempts = 4) {
  return notifyFile({
    delivery: { maxAttempts, baseDelaySeconds: 2, maxDelaySeconds: 60 },
    channels: [{ id: 'hook', name: 'Hook', kind: 'webhook', url, secret: 'secret-for-delivery' }],
    recipients: [
      { id: 'lead-a', name: 'Lead A', account: 'lead-a', contacts: [{ channel: 'hook' }] },
      { id: 'lead-b', name: 'Lead B', account: 'lead-b', contacts: [{ channel: 'hook' }] },
    ],
    routes: [{ id: 'critical', severities: ['critical'] }],
  });
}

/** Runs the sender at the next attempt's time, as its timer would. */
async function nextAttempt(world: World): Promise<number> {
  const due = world.notifier.outbox.nextDueAt();
  if (due === undefined) throw new Error('nothing pending');
  world.clock.set(Math.max(world.clock.now(), due));
  return world.notifier.sender.runDue();
}

describe('retries', () => {
  it('a receiver failing with 500s, then recovering: retried with growing delays, everything delivered once', async () => {
    const { world, receiver, events } = await setup();
    let failuresLeft = 4; // two tries each for the two notifications
    receiver.reply = () => (failuresLeft-- > 0 ? { status: 500, body: 'database down' } : { status: 200, body: 'ok' });
    await world.ingest([...forbiddenPhrase('1001', 'A', 'c-a'), ...forbiddenPhrase('2001', 'B', 'c-b')]);
    const ids = world.notifier.outbox.list({ limit: 10 }).map((r) => r.id).sort();
    expect(ids).toHaveLength(2);

    const start = world.clock.now();
    await world.notifier.sender.runDue();
    await nextAttempt(world);
    await nextAttempt(world);
    expect(world.notifier.outbox.nextDueAt()).toBeUndefined();

    const retries = events.filter((e) => e.type === 'retry');
    expect(retries.map((e) => [e.id, e.attempts])).toEqual(expect.arrayContaining(ids.flatMap((id) => [[id, 1], [id, 2]])));
    // random() is 0 here: exactly 2 s after the first failure, then 4 s after the second.
    for (const id of ids) {
      const [first, second] = retries.filter((e) => e.id === id) as Array<Extract<DeliveryEvent, { type: 'retry' }>>;
      expect(first.nextAttemptAt - start).toBe(2000);
      expect(second.nextAttemptAt - first.nextAttemptAt).toBe(4000);
      expect(first.error).toContain('answered 500 Internal Server Error');
      // The receiver's body is never repeated (it reaches the admin page).
      expect(first.error).not.toContain('database down');
    }
    expect(events.filter((e) => e.type === 'sent').map((e) => e.id).sort()).toEqual(ids);

    // Six requests, three per notification, each carrying its own id every time; two arrived.
    expect(receiver.requests).toHaveLength(6);
    const delivered = receiver.requests.slice(4).map((r) => r.headers[DELIVERY_HEADER]);
    expect(delivered.sort()).toEqual(ids);
    for (const id of ids) expect(world.notifier.outbox.get(id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(world.notifier.health.get('hook')).toMatchObject({ sent: 2, failed: 4, retried: 4, dead: 0, consecutiveFailures: 0, lastSuccessAt: world.clock.now() });
  });

  it('a receiver that keeps failing: a dead letter after the last try; resent once it is back, it arrives', async () => {
    const { world, receiver, events } = await setup(3);
    receiver.reply = () => ({ status: 502, body: 'bad gateway' });
    await world.ingest(forbiddenPhrase('1001', 'A', 'c-a'));
    const [id] = world.notifier.outbox.list({ limit: 10 }).map((r) => r.id);
    await world.notifier.sender.runDue();
    await nextAttempt(world);
    await nextAttempt(world);
    expect(events.map((e) => e.type)).toEqual(['retry', 'retry', 'dead']);
    expect(world.notifier.outbox.get(id)).toMatchObject({ status: 'dead', attempts: 3, lastError: expect.stringContaining('answered 502') });
    expect(world.notifier.outbox.nextDueAt()).toBeUndefined();
    expect(world.notifier.ops.deliveries({ status: 'dead' }).map((d) => d.id)).toEqual([id]);
    expect(world.notifier.health.get('hook')).toMatchObject({ sent: 0, failed: 3, dead: 1, consecutiveFailures: 3 });

    receiver.reply = () => ({ status: 200, body: 'ok' });
    const admin = world.accounts.get('admin')!;
    await world.notifier.ops.resend(id, { id: admin });
    await world.notifier.sender.runDue();
    expect(world.notifier.outbox.get(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(receiver.requests.map((r) => r.headers[DELIVERY_HEADER])).toEqual([id, id, id, id]);
    expect(world.notifier.ops.deliveries({ status: 'dead' })).toEqual([]);
    expect(world.notifier.health.get('hook')).toMatchObject({ sent: 1, failed: 3, dead: 1, consecutiveFailures: 0 });
    const audit = await world.access.listAudit({ action: 'notify-resent' });
    expect(audit).toMatchObject([{ actor: admin, target: id, detail: { channel: 'hook', recipient: 'lead-a' } }]);
  });

  it('a refusal that cannot change (a 4xx) goes to the dead-letter list at once', async () => {
    const { world, receiver, events } = await setup(5);
    receiver.reply = () => ({ status: 401, body: 'bad signature' });
    await world.ingest(forbiddenPhrase('1001', 'A', 'c-a'));
    await world.notifier.sender.runDue();
    expect(events).toMatchObject([{ type: 'dead', attempts: 1, error: expect.stringContaining('answered 401') }]);
  });
});

describe('a decision is never lost', () => {
  it('decided, then the process stops before sending: after the restart it arrives, exactly once', async () => {
    const receiver = await startHttpReceiver();
    open.push(receiver);
    const first = await openWorld({ file: file(receiver.url) });
    await first.ingest(forbiddenPhrase('1001', 'A', 'c-a'));
    const decided = first.notifier.outbox.list({ limit: 10 });
    expect(decided.map((r) => r.status)).toEqual(['pending']);
    await first.close(); // nothing was sent: the sender never ran
    expect(receiver.requests).toHaveLength(0);

    const second = await openWorld({ db: first.db, clock: first.clock, file: file(receiver.url) });
    open.push(second);
    // The restart decided the live alert again: the same id, so no second row.
    expect(second.notifier.outbox.list({ limit: 10 }).map((r) => r.id)).toEqual([decided[0].id]);
    // Deciding it yet again (as every change of the alert does) writes nothing new.
    expect(await second.notifier.decide(second.floor.snapshot().alerts)).toEqual([]);
    expect(second.notifier.outbox.list({ limit: 10 })).toHaveLength(1);
    await second.notifier.sender.runDue();
    await second.notifier.sender.runDue();
    expect(receiver.requests.map((r) => r.headers[DELIVERY_HEADER])).toEqual([decided[0].id]);
  });

  it('lost before it was written (the process died between the alert and the outbox): made again on start', async () => {
    const receiver = await startHttpReceiver();
    open.push(receiver);
    const first = await openWorld({ file: file(receiver.url) });
    await first.ingest(forbiddenPhrase('1001', 'A', 'c-a'));
    const [lost] = first.notifier.outbox.list({ limit: 10 });
    await first.close();
    // What a crash in that instant leaves: the alert in the floor's log, no outbox row.
    const db = new Database(first.db);
    db.prepare('DELETE FROM notify_outbox').run();
    db.prepare('DELETE FROM notify_ack_tokens').run();
    db.close();

    const second = await openWorld({ db: first.db, clock: first.clock, file: file(receiver.url) });
    open.push(second);
    expect(second.notifier.outbox.list({ limit: 10 }).map((r) => r.id)).toEqual([lost.id]);
    await second.notifier.sender.runDue();
    expect(receiver.requests.map((r) => r.headers[DELIVERY_HEADER])).toEqual([lost.id]);
  });
});
