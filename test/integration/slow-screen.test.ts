/**
 * A screen that stops reading (server/wallboard/backpressure.ts, missed-deltas.ts,
 * catch-ups.ts), over real sockets: it is taken out of the deltas once half a megabyte
 * waits for it, the screens that read go on getting every delta, and once it reads again
 * it gets what it missed as one delta (or, past a snapshot's worth, a snapshot) and then
 * the deltas after it. No sleeps: the loop waits for the server's own "behind" warning,
 * turning the event loop between deltas.
 */
import { stubAccess } from '../helpers/stub-access.js';
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Socket as NetSocket } from 'node:net';
import { pino } from 'pino';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentChange } from '../../shared/agent-changes.js';
import type { AgentView } from '../../shared/figures.js';
import { unpack, type MaybePacked } from '../../shared/packed.js';
import type { FloorDelta, ScreenDelta, ScreenSnapshot, WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { createApplication, type Application } from '../../server/app.js';
import { MAX_UNREAD_BYTES, MIN_WAITING_BYTES } from '../../server/wallboard/backpressure.js';
import { emptySnapshot, FakeFloor, sampleAlert } from './fake-floor.js';
import { once } from './once.js';

type WallboardClient = ClientSocket<WallboardServerToClient, WallboardClientToServer>;

const started: Application[] = [];
const clients: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of clients.splice(0)) socket.disconnect();
  await Promise.all(started.splice(0).map((a) => a.close()));
});

/**
 * A status delta's agents, about `bytes` of them once encoded. Their names are random: a
 * delta this big is sent packed (server/wallboard/pack.ts), and agents all alike would
 * pack to almost nothing and never fill a socket.
 */
function agents(bytes: number): AgentView[] {
  const one = (i: number): AgentView => ({
    agentId: `agent-${i}`, name: randomBytes(24).toString('base64'), teamId: 'A', role: 'agent', state: 'talking', since: 1_000, handledToday: 3,
    talkMs: 60_000, holdMs: 0, acwMs: 10_000, ahtSeconds: 120, openAlerts: 0, queues: ['general', 'cards'],
  });
  const size = JSON.stringify(one(0)).length;
  return Array.from({ length: Math.ceil(bytes / size) }, (_, i) => one(i));
}

/** Agents whose delta is about `bytes` on the wire, packed as the server packs it. */
function agentsOnWire(bytes: number): AgentView[] {
  const sample = agents(20_000);
  const perAgent = deflateRawSync(JSON.stringify(sample)).length / sample.length;
  return agents((bytes / perAgent) * JSON.stringify(sample[0]).length);
}

/** The socket.io client's TCP socket (its websocket transport, in Node the `ws` package). */
function tcpOf(socket: ClientSocket): NetSocket {
  return (socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
}

/** Two screens on one floor; `slow` stops reading and the floor pushes until the server says it is behind. */
async function slowAndFastScreens() {
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
  fast.on('delta', (d) => fastSeen.push(unpack(d)));
  const slowSeen: ScreenDelta[] = [];
  slow.on('delta', (d) => slowSeen.push(unpack(d)));

  tcpOf(slow).pause();
  const fellBehind = new Promise<void>((resolve) => { behind = resolve; });
  let isBehind = false;
  void fellBehind.then(() => { isBehind = true; });
  const big = agents(MIN_WAITING_BYTES / 4);
  let pushed = 0;
  // Until the kernel's buffers are full and the server holds half a megabyte for it.
  while (!isBehind && pushed < 400) {
    floor.pushDelta({ agents: big, floor: emptySnapshot(0, []).floor });
    pushed += 1;
    await new Promise<void>((resolve) => { setImmediate(resolve); });
  }
  expect(isBehind).toBe(true);
  const push = (delta: Partial<FloorDelta>): void => {
    floor.pushDelta(delta);
    pushed += 1;
  };
  return { floor, slow, slow0, fastSeen, slowSeen, push, pushed: () => pushed, big };
}

describe('a screen that stops reading', () => {
  it('is held out of the deltas, then sent what it missed as one delta, and numbered on from it', async () => {
    const { floor, slow, slow0, fastSeen, slowSeen, push, pushed } = await slowAndFastScreens();
    // Held out: these are not queued for it. Agent 7 changes twice, agent 8 once.
    const change = (agentId: string, state: AgentView['state'], since: number): AgentChange => ({ agentId, teamId: 'A', state, since });
    push({ agents: [change('agent-7', 'ringing', 5_000)], floor: emptySnapshot(0, []).floor });
    push({ agents: [change('agent-7', 'talking', 6_000), change('agent-8', 'available', 6_000)], alerts: [sampleAlert('late')] });
    push({ floor: emptySnapshot(0, []).floor });

    const caughtUp = new Promise<ScreenDelta>((resolve) => slow.on('delta', (frame) => { const d = unpack(frame); if (d.after !== undefined) resolve(d); }));
    tcpOf(slow).resume();
    const catchUp = await caughtUp;
    // The reading screen got every delta, in order.
    expect(fastSeen.length).toBe(pushed());
    expect(fastSeen.map((d) => d.seq)).toEqual(fastSeen.map((_, i) => slow0.seq + 1 + i));
    // The slow one got what was already on its way (every delta until it was behind), in
    // order, then the three after as one.
    const before = slowSeen.slice(0, -1);
    expect(before.length).toBe(pushed() - 3);
    expect(before.map((d) => d.seq)).toEqual(before.map((_, i) => slow0.seq + 1 + i));
    expect(catchUp).toBe(slowSeen.at(-1));
    expect(catchUp.after).toBe(before.at(-1)!.seq);
    expect(catchUp.seq).toBe(slow0.seq + pushed());
    // Each agent once, as it is now; the alert; nothing of the earlier deltas it already had.
    expect(catchUp.agents).toEqual([change('agent-7', 'talking', 6_000), change('agent-8', 'available', 6_000)]);
    expect(catchUp.alerts.map((a) => a.id)).toEqual(['late']);
    const next = once<ScreenDelta>(slow, 'delta');
    floor.pushDelta({ floor: emptySnapshot(0, []).floor });
    expect((await next).seq).toBe(catchUp.seq + 1);
  }, 30_000);

  it('is sent a snapshot instead when it missed more than a snapshot holds', async () => {
    const { floor, slow, slow0, slowSeen, push, pushed, big } = await slowAndFastScreens();
    // Held out while more than a snapshot's worth goes by (this floor's is small).
    for (let i = 0; i < 5; i++) push({ agents: big });

    const caughtUp = once<MaybePacked<ScreenSnapshot>>(slow, 'snapshot', 15_000);
    tcpOf(slow).resume();
    const snapshot = unpack(await caughtUp);
    expect(slowSeen.length).toBe(pushed() - 5);
    expect(slowSeen.map((d) => d.seq)).toEqual(slowSeen.map((_, i) => slow0.seq + 1 + i));
    expect(slowSeen.some((d) => d.after !== undefined)).toBe(false);
    expect(snapshot.seq).toBe(slow0.seq + pushed());
    const next = once<ScreenDelta>(slow, 'delta');
    floor.pushDelta({ floor: emptySnapshot(0, []).floor });
    expect((await next).seq).toBe(snapshot.seq + 1);
  }, 30_000);

  it('is held back when it takes frames in but does not say it read them, and caught up once it has', async () => {
    // A screen whose socket reads at full speed (nothing waits in the server for it) but
    // whose page is busy: only the frames it says it read count as read.
    const floor = new FakeFloor();
    let behind = 0;
    const log = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (chunk.toString().includes('wallboards behind')) behind += 1;
        done();
      },
    });
    const app = createApplication({ floor, logger: pino({ level: 'warn' }, log), access: stubAccess().edge });
    started.push(app);
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/wallboard`;
    const screen = connect(url, { transports: ['websocket'], reconnection: false }) as WallboardClient;
    clients.push(screen);
    const first = unpack(await once<MaybePacked<ScreenSnapshot>>(screen, 'snapshot'));
    screen.emit('read', first.seq);
    // A round trip after it: the server has taken the read in (a socket's messages are handled in order).
    await screen.emitWithAck('resync');
    const seen: ScreenDelta[] = [];
    let arrived = (): void => undefined;
    screen.on('delta', (d) => {
      seen.push(unpack(d));
      arrived();
    });
    const next = (count: number): Promise<void> => new Promise((resolve) => {
      arrived = () => { if (seen.length >= count) resolve(); };
      arrived();
    });

    // Each delta ~96 KB on the wire: after the third, the two unread before the newest are past 128 KB.
    const big = agentsOnWire((MAX_UNREAD_BYTES * 3) / 4);
    for (let i = 1; i <= 3; i++) {
      floor.pushDelta({ agents: big });
      await next(i);
      expect(behind, `after delta ${i}`).toBe(i === 3 ? 1 : 0);
    }
    // Held out: these do not reach it, though its socket would take them.
    floor.pushDelta({ agents: [{ agentId: 'agent-1', teamId: 'A', state: 'ringing', since: 9_000 }] });
    floor.pushDelta({ alerts: [sampleAlert('while-behind')] });
    // Reading up to what it had is what brings it back: one catch-up, from where it fell.
    screen.emit('read', seen[1]!.seq);
    screen.emit('read', seen[2]!.seq);
    await next(4);
    const catchUp = seen[3]!;
    expect(catchUp.after).toBe(seen[2]!.seq);
    expect(catchUp.seq).toBe(seen[2]!.seq + 2);
    expect(catchUp.agents).toEqual([{ agentId: 'agent-1', teamId: 'A', state: 'ringing', since: 9_000 }]);
    expect(catchUp.alerts.map((a) => a.id)).toEqual(['while-behind']);
    // Back in the deltas.
    screen.emit('read', catchUp.seq);
    floor.pushDelta({ agents: [{ agentId: 'agent-2', teamId: 'A', state: 'available', since: 9_500 }] });
    await next(5);
    expect(seen[4]!.seq).toBe(catchUp.seq + 1);
  }, 30_000);
});
