/**
 * socket.io messages are limited by who sends them: before a feed has authenticated, a
 * connection may send socket.io's default 1 MB (it was the 32 MB ingest body limit, which
 * anybody reaching the port could make the server buffer per connection); a connection a
 * feed authenticated on may send batches up to the ingest body limit. Over WebSocket, over
 * long polling, and after an upgrade from one to the other. Real server, real clients.
 */
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Manager, io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../shared/ingest.js';
import type { IngestClientToServer, IngestServerToClient } from '../../shared/wallboard.js';
import { createApplication, type Application } from '../../server/app.js';
import { UNAUTHENTICATED_FRAME_BYTES } from '../../server/http/socket-frame-limit.js';
import { FakeFloor } from './fake-floor.js';
import { stubAccess } from '../helpers/stub-access.js';
import { once } from './once.js';

type Transport = 'websocket' | 'polling';
type IngestClient = Socket<IngestServerToClient, IngestClientToServer>;

const FEED_TOKEN = 'the-feed-token';
let application: Application;
let floor: FakeFloor;
let base: string;
const closers: Array<() => void> = [];

beforeEach(async () => {
  floor = new FakeFloor();
  const access = stubAccess();
  // Only the right token is a feed: the stub lets anyone in.
  const feedFromToken = access.edge.auth.feedFromToken;
  access.edge.auth.feedFromToken = async (token) => (token === FEED_TOKEN ? feedFromToken(token) : null);
  application = createApplication({ floor, logger: pino({ level: 'silent' }), bodyLimit: '8mb', ingestMaxPending: 100_000, access: access.edge });
  await new Promise<void>((resolve) => application.httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(application.httpServer.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await application.close();
});

/**
 * A CONNECT to `/ingest` whose auth payload (a wrong token, padded) is about `bytes` long:
 * the first thing a client sends, before any credential has been checked.
 */
const padding = (bytes: number): string => `0/ingest,{"token":"not-a-feed","pad":"${'a'.repeat(bytes)}"}`;

/** An engine.io connection that has joined no namespace and sent no credential. */
async function anonymous(transport: Transport): Promise<Manager> {
  const manager = new Manager(base, { transports: [transport], reconnection: false, autoConnect: false });
  closers.push(() => manager.engine?.close());
  await new Promise<void>((resolve, reject) => manager.open((err) => (err ? reject(err) : resolve())));
  return manager;
}

/** Sends one raw message: true if the server read it (it refuses the token), false if it closed the connection. */
async function survives(manager: Manager, message: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    manager.engine.once('close', () => resolve(false));
    manager.on('packet', (packet) => {
      if (packet.type === 4 && packet.nsp === '/ingest') resolve(true);
    });
    manager.engine.write(message);
  });
}

function feed(transports: Transport[], token = FEED_TOKEN): IngestClient {
  const socket: IngestClient = connect(`${base}/ingest`, { transports, reconnection: false, forceNew: true, auth: { token } });
  closers.push(() => socket.disconnect());
  return socket;
}

/** A batch of `count` logins, each about 200 bytes. */
function batch(count: number, tag: string): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${tag}-${i}`, ts: 1_764_291_603_000, type: 'agent.login', agentId: `A${i}`, stationId: `S${i}`, name: 'x'.repeat(120),
  }));
}

describe('socket.io message size by who is sending', () => {
  for (const transport of ['websocket', 'polling'] as const) {
    it(`${transport}: before authenticating, a message under 1 MB is read and one over it closes the connection`, async () => {
      expect(await survives(await anonymous(transport), padding(UNAUTHENTICATED_FRAME_BYTES / 2))).toBe(true);
      expect(await survives(await anonymous(transport), padding(UNAUTHENTICATED_FRAME_BYTES * 2))).toBe(false);
      // The server carries on: a feed still gets in.
      const socket = feed([transport]);
      await once(socket, 'connect');
      expect(await socket.timeout(10_000).emitWithAck('events', batch(2, `${transport}-small`))).toMatchObject({ accepted: 2 });
    });

    it(`${transport}: a feed that authenticated sends a batch of several MB`, async () => {
      const socket = feed([transport]);
      await once(socket, 'connect');
      const big = batch(15_000, transport);
      expect(JSON.stringify(big).length).toBeGreaterThan(2.5 * UNAUTHENTICATED_FRAME_BYTES);
      const result = (await socket.timeout(20_000).emitWithAck('events', big)) as IngestResult;
      expect(result).toMatchObject({ accepted: 15_000, rejected: 0 });
      expect(floor.ingested).toHaveLength(15_000);
    });
  }

  it('a wrong token does not widen the connection', async () => {
    const manager = await anonymous('websocket');
    expect(await survives(manager, padding(100))).toBe(true);
    expect(await survives(manager, padding(UNAUTHENTICATED_FRAME_BYTES * 2))).toBe(false);
  });

  it('a feed that connected by polling and upgraded to WebSocket keeps its limit', async () => {
    const socket = feed(['polling', 'websocket']);
    await once(socket, 'connect');
    if (socket.io.engine.transport.name !== 'websocket') await once(socket.io.engine, 'upgrade');
    expect(socket.io.engine.transport.name).toBe('websocket');
    const result = (await socket.timeout(20_000).emitWithAck('events', batch(15_000, 'upgraded'))) as IngestResult;
    expect(result).toMatchObject({ accepted: 15_000 });
  });
});
