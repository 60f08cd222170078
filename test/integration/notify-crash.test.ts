/**
 * Crash safety of notifications, with the real server process: `floorwatch serve` decides
 * a notification (the outbox row is written), starts sending it, and is killed with
 * SIGKILL while the receiver has not answered yet. Started again on the same database, it
 * sends the notification again, with the same delivery id: the receiver, de-duplicating
 * on that id, has the message exactly once, and nothing was lost.
 */
import fs from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryView } from '../../shared/notify.js';
import { DELIVERY_HEADER } from '../../server/notify/channels/webhook.js';
import { createFeedToken, signInAdmin, startServerProcess, type ServerProcess } from './server-process.js';

const running: ServerProcess[] = [];
const cleanup: Array<() => void> = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop('SIGKILL')));
  for (const c of cleanup) c();
});

describe('notifications across kill -9', () => {
  it('a notification decided and in flight when the server is killed arrives after the restart, once by its id', async () => {
    // The receiver: holds the first request unanswered (the server dies waiting), answers later ones.
    const deliveries: string[] = [];
    const held: ServerResponse[] = [];
    let arrived: () => void = () => undefined;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        deliveries.push(String(req.headers[DELIVERY_HEADER]));
        arrived();
        if (deliveries.length === 1) held.push(res);
        else res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => {
      receiver.closeAllConnections();
      receiver.close();
    });
    const next = (n: number) => new Promise<void>((resolve) => {
      arrived = () => {
        if (deliveries.length >= n) resolve();
      };
      arrived();
    });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-notify-crash-'));
    const db = path.join(dir, 'floor.db');
    const config = path.join(dir, 'notifications.yaml');
    fs.writeFileSync(config, [
      'channels:',
      `  - { id: hook, name: Hook, kind: webhook, url: "http://127.0.0.1:${(receiver.address() as AddressInfo).port}/", secret: crash-test-secret }`,
      'recipients:',
      '  - { id: lead-a, name: Lead A, account: lead-a, contacts: [{ channel: hook }] }',
      'routes:',
      '  - { id: critical, severities: [critical] }',
      '',
    ].join('\n'));
    const token = createFeedToken(db);
    const args = ['--db', db, '--reorder-window', '0', '--no-rules', '--notify-config', config];
    let server = await startServerProcess(args);
    running.push(server);

    const admin = await signInAdmin(server.url);
    const created = await admin.call('POST', '/api/v1/accounts', { csrf: true, body: { username: 'lead-a', name: 'Lead A', role: 'lead', teams: ['A'] } });
    expect(created.status).toBe(201);

    const now = Date.now();
    const events = [
      { id: 'l1', type: 'agent.login', ts: now, agentId: '1001', stationId: 'S-1', teamId: 'A' },
      { id: 'c1', type: 'call.offered', ts: now, callId: 'c-1', queue: 'cards', direction: 'inbound', from: '13812345678' },
      { id: 'c2', type: 'call.answered', ts: now, callId: 'c-1', agentId: '1001' },
      { id: 'c3', type: 'transcript.utterance', ts: now, callId: 'c-1', speaker: 'agent', text: '这个我不知道' },
    ];
    const ingest = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    expect(ingest.status).toBe(200);

    // The notification is on its way and the receiver is sitting on it: kill the server now.
    await next(1);
    expect(held).toHaveLength(1);
    await server.stop('SIGKILL');

    server = await startServerProcess(args);
    running.push(server);
    await next(2);
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1]).toBe(deliveries[0]);
    expect(deliveries[0]).toMatch(/^al-\d+:lead:lead-a:hook$/);
    expect(new Set(deliveries).size).toBe(1);

    const browser = await signInAdmin(server.url);
    const readSent = async () => (await (await browser.call('GET', '/api/v1/notify/deliveries')).json()) as DeliveryView[];
    // The row is marked sent once the receiver answered; the answer and the mark are not one step, so look until it is.
    let rows = await readSent();
    for (let i = 0; i < 50 && rows[0]?.status !== 'sent'; i++) rows = await readSent();
    expect(rows.map((r) => [r.id, r.status])).toEqual([[deliveries[0], 'sent']]);
    await server.stop('SIGTERM');
  }, 90_000);
});
