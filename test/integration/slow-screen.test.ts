/**
 * A screen that stops reading (server/wallboard/backpressure.ts, missed-deltas.ts,
 * catch-ups.ts), over real sockets: it is taken out of the deltas once half a megabyte
 * waits for it, the screens that read go on getting every delta, and once it reads again
 * it gets what it missed as one delta (or, past a snapshot's worth, a snapshot) and then
 * the deltas after it. No sleeps: the loop waits for the server's own "behind" warning,
 * turning the event loop between deltas.
 */
import { stubAccess } from '../helpers/stub-access.js';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Socket as NetSocket } from 'node:net';
import { pino } from 'pino';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentChange } from '../../shared/agent-changes.js';
import type { AgentView } from '../../shared/figures.js';
import type { FloorDelta, ScreenDelta, ScreenSnapshot, WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { createApplication, type Application } from '../../server/app.js';
import { MIN_WAITING_BYTES } from '../../server/wallboard/backpressure.js';
import { emptySnapshot, FakeFloor, sampleAlert } from './fake-floor.js';
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
  fast.on('delta', (d) => fastSeen.push(d));
  const slowSeen: ScreenDelta[] = [];
  slow.on('delta', (d) => slowSeen.push(d));

  tcpOf(slow).pause();
  const fellBehind = new Promise<void>((resolve) => { behind = resolve; });
  let isBehind = false;
  void fellBehind.then(() => { isBehind = true; });
  const big = agents(MIN_WAITING_BYTES / 4);
  let pushed = 0;
  // Until the kernel's buffers are full and the server holds half a megabyte for it.
  while (!isBehind && pushed < 200) {
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

    const caughtUp = new Promise<ScreenDelta>((resolve) => slow.on('delta', (d) => { if (d.after !== undefined) resolve(d); }));
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

    const caughtUp = once<ScreenSnapshot>(slow, 'snapshot', 15_000);
    tcpOf(slow).resume();
    const snapshot = await caughtUp;
    expect(slowSeen.length).toBe(pushed() - 5);
    expect(slowSeen.map((d) => d.seq)).toEqual(slowSeen.map((_, i) => slow0.seq + 1 + i));
    expect(slowSeen.some((d) => d.after !== undefined)).toBe(false);
    expect(snapshot.seq).toBe(slow0.seq + pushed());
    const next = once<ScreenDelta>(slow, 'delta');
    floor.pushDelta({ floor: emptySnapshot(0, []).floor });
    expect((await next).seq).toBe(snapshot.seq + 1);
  }, 30_000);
});
