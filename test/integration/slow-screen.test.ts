/**
 * A screen that stops reading (server/wallboard/backpressure.ts, catch-ups.ts), over real
 * sockets: it is taken out of the deltas once a megabyte waits for it, the screens that
 * read go on getting every delta, and once it reads again it gets one snapshot and then
 * the deltas after it, numbered on from that snapshot. No sleeps: the loop waits for the
 * server's own "behind" warning, turning the event loop between deltas.
 */
import { stubAccess } from '../helpers/stub-access.js';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Socket as NetSocket } from 'node:net';
import { pino } from 'pino';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentView } from '../../shared/figures.js';
import type { ScreenDelta, ScreenSnapshot, WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { createApplication, type Application } from '../../server/app.js';
import { MAX_WAITING_BYTES } from '../../server/wallboard/backpressure.js';
import { emptySnapshot, FakeFloor } from './fake-floor.js';
import { once } from './once.js';

type WallboardClient = ClientSocket<WallboardServerToClient, WallboardClientToServer>;

const started: Application[] = [];
const clients: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of clients.splice(0)) socket.disconnect();
  await Promise.all(started.splice(0).map((a) => a.close()));
});

/** A status delta's agents, about `bytes` of them once encoded. */
function agents(bytes: number): AgentView[] {
  const one = (i: number): AgentView => ({
    agentId: `agent-${i}`, teamId: 'A', role: 'agent', state: 'talking', since: 1_000, handledToday: 3,
    talkMs: 60_000, holdMs: 0, acwMs: 10_000, ahtSeconds: 120, openAlerts: 0, queues: ['general', 'cards'],
  });
  const size = JSON.stringify(one(0)).length;
  return Array.from({ length: Math.ceil(bytes / size) }, (_, i) => one(i));
}

/** The socket.io client's TCP socket (its websocket transport, in Node the `ws` package). */
function tcpOf(socket: ClientSocket): NetSocket {
  return (socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
}

describe('a screen that stops reading', () => {
  it('is held out of the deltas, then caught up with one snapshot, and numbered on from it', async () => {
    const floor = new FakeFloor();
    let behind = (): void => undefined;
    const log = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (chunk.toString().includes('wallboards behind')) behind();
        done();
      },
    });
    const app = createApplication({ floor, logger: pino({ level: 'warn' }, log), access: stubAccess().edge });
    started.push(app);
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/wallboard`;
    const open = (): WallboardClient => {
      const socket = connect(url, { transports: ['websocket'], autoConnect: false, reconnection: false }) as WallboardClient;
      clients.push(socket);
      return socket;
    };
    const slow = open();
    const fast = open();
    const [slow0] = await Promise.all([once<ScreenSnapshot>(slow.connect(), 'snapshot'), once<ScreenSnapshot>(fast.connect(), 'snapshot')]);
    const fastSeen: ScreenDelta[] = [];
    fast.on('delta', (d) => fastSeen.push(d));
    const slowSeen: ScreenDelta[] = [];
    slow.on('delta', (d) => slowSeen.push(d));

    tcpOf(slow).pause();
    const fellBehind = new Promise<void>((resolve) => { behind = resolve; });
    let isBehind = false;
    void fellBehind.then(() => { isBehind = true; });
    const big = agents(MAX_WAITING_BYTES / 4);
    let pushed = 0;
    // Until the kernel's buffers are full and the server holds a megabyte for it.
    while (!isBehind && pushed < 200) {
      floor.pushDelta({ agents: big, floor: emptySnapshot(0, []).floor });
      pushed += 1;
      await new Promise<void>((resolve) => { setImmediate(resolve); });
    }
    expect(isBehind).toBe(true);
    // Held out: this one is not queued for it.
    floor.pushDelta({ floor: emptySnapshot(0, []).floor });
    pushed += 1;

    const caughtUp = once<ScreenSnapshot>(slow, 'snapshot', 15_000);
    tcpOf(slow).resume();
    const snapshot = await caughtUp;
    // The reading screen got every delta, in order.
    expect(fastSeen.length).toBe(pushed);
    expect(fastSeen.map((d) => d.seq)).toEqual(fastSeen.map((_, i) => slow0.seq + 1 + i));
    // The slow one got what was already on its way, in order, then the snapshot of now.
    expect(slowSeen.length).toBeLessThan(pushed);
    expect(slowSeen.map((d) => d.seq)).toEqual(slowSeen.map((_, i) => slow0.seq + 1 + i));
    expect(snapshot.seq).toBe(slow0.seq + pushed);
    const next = once<ScreenDelta>(slow, 'delta');
    floor.pushDelta({ floor: emptySnapshot(0, []).floor });
    expect((await next).seq).toBe(snapshot.seq + 1);
  }, 30_000);
});
