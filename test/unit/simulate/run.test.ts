import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../shared/events.js';
import { DeliveryError } from '../../../server/simulate/delivery.js';
import { runSimulation } from '../../../server/simulate/run.js';
import type { SimEvent } from '../../../server/simulate/sim-event.js';
import { simulateFloor } from '../../../server/simulate/simulate.js';

const START = Date.parse('2026-11-30T10:00:00+08:00');
const FLOOR = { seed: 11, agents: 8, start: START, durationMs: 15 * 60_000, breachRate: 0.2 };

/** A clock that only moves when slept on: pacing is tested without waiting. */
function fakeClock(at = 5_000_000) {
  const clock = {
    t: at,
    slept: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

describe('runSimulation: unpaced', () => {
  it('writes the floor as NDJSON lines, virtual timestamps untouched', async () => {
    const lines: string[] = [];
    const report = await runSimulation({ ...FLOOR, output: { kind: 'ndjson', write: (line) => void lines.push(line) } });
    const expected = [...simulateFloor(FLOOR)];
    expect(lines.some((l) => l.includes('\n'))).toBe(false);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(expected);
    expect(report).toMatchObject({ sent: expected.length, accepted: expected.length, rejected: 0, aborted: false, retries: 0 });
  });

  it('sends batches of batchSize without sleeping', async () => {
    const clock = fakeClock();
    const sizes: number[] = [];
    const report = await runSimulation({
      ...FLOOR, speed: 0, now: clock.now, sleep: clock.sleep,
      output: { kind: 'send', batchSize: 100, send: async (batch) => void sizes.push(batch.length) },
    });
    expect(clock.slept).toEqual([]);
    expect(sizes.slice(0, -1).every((n) => n === 100)).toBe(true);
    expect(report.batches).toBe(sizes.length);
  });
});

describe('runSimulation: paced', () => {
  it('sends each event when its moment comes, re-based to the wall clock (speed 10)', async () => {
    const clock = fakeClock();
    const wallStart = clock.t;
    const sent: Array<{ at: number; batch: FloorEventInput[] }> = [];
    await runSimulation({
      ...FLOOR, speed: 10, now: clock.now, sleep: clock.sleep,
      output: { kind: 'send', send: async (batch) => void sent.push({ at: clock.t, batch }) },
    });
    const virtual = [...simulateFloor(FLOOR)];
    const events = sent.flatMap((s) => s.batch) as SimEvent[];
    expect(events.map((e) => e.id)).toEqual(virtual.map((e) => e.id));
    events.forEach((e, i) => expect(e.ts).toBe(Math.floor(wallStart + (virtual[i].ts - START) / 10)));
    // Never sent before its time, and never held back once due.
    for (const { at, batch } of sent) for (const e of batch as SimEvent[]) expect(e.ts).toBeLessThanOrEqual(at);
    const slept = clock.slept.reduce((a, b) => a + b, 0);
    expect(slept).toBeCloseTo((virtual[virtual.length - 1].ts - START) / 10, -1);
    // A promised callback's due time moves with the clock too.
    const promised = events.find((e) => e.type === 'wrapup.completed' && e.callbackDue !== undefined);
    const original = virtual.find((e) => e.id === promised?.id);
    if (promised?.type === 'wrapup.completed' && original?.type === 'wrapup.completed') {
      expect(promised.callbackDue).toBe(Math.floor(wallStart + ((original.callbackDue as number) - START) / 10));
    }
  });

  it('pauses virtual time when the sink stalls, so later events are current again', async () => {
    const clock = fakeClock();
    let first = true;
    const lags: number[] = [];
    await runSimulation({
      ...FLOOR, durationMs: 5 * 60_000, speed: 1, now: clock.now, sleep: clock.sleep, maxLagMs: 1000,
      output: {
        kind: 'send',
        send: async (batch) => {
          for (const e of batch as SimEvent[]) lags.push(clock.t - e.ts);
          if (first) clock.t += 60_000; // the server took a minute to answer
          first = false;
        },
      },
    });
    expect(Math.max(...lags.slice(1))).toBeLessThanOrEqual(1000);
  });

  it('stops when aborted and says so', async () => {
    const clock = fakeClock();
    const ctl = new AbortController();
    let batches = 0;
    const report = await runSimulation({
      ...FLOOR, speed: 1, now: clock.now, sleep: clock.sleep, signal: ctl.signal,
      output: { kind: 'send', send: async () => { if (++batches === 3) ctl.abort(); } },
    });
    expect(report.aborted).toBe(true);
    expect(report.batches).toBe(3);
  });
});

describe('runSimulation: POST to a server', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function serve(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void): Promise<string> {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => handler(req, body, res));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  it('retries a failed POST (503) with backoff and loses nothing', async () => {
    const requests: Array<{ url?: string; auth?: string; type?: string; ids: string[] }> = [];
    const url = await serve((req, body, res) => {
      const batch = JSON.parse(body) as Array<{ id: string }>;
      requests.push({ url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], ids: batch.map((e) => e.id) });
      if (requests.length === 1) {
        res.writeHead(503).end('starting');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ accepted: batch.length - 1, duplicates: 1, rejected: 0, errors: [] }));
    });
    const delays: number[] = [];
    const report = await runSimulation({
      ...FLOOR, sleep: async (ms) => void delays.push(ms),
      output: { kind: 'post', url, token: 'secret', batchSize: 250 },
    });
    const expected = [...simulateFloor(FLOOR)].map((e) => e.id);
    expect(requests[0].ids).toEqual(requests[1].ids); // the failed batch, sent again
    expect(requests.slice(1).flatMap((r) => r.ids)).toEqual(expected);
    expect(requests.every((r) => r.url === '/api/v1/events' && r.auth === 'Bearer secret' && r.type === 'application/json')).toBe(true);
    expect(delays).toEqual([250]);
    expect(report).toMatchObject({
      sent: expected.length, accepted: expected.length - (requests.length - 1), duplicates: requests.length - 1, retries: 1, aborted: false,
    });
  });

  it('splits a batch the server finds too large (413)', async () => {
    const sizes: number[] = [];
    const url = await serve((_req, body, res) => {
      const n = (JSON.parse(body) as unknown[]).length;
      sizes.push(n);
      if (n > 100) res.writeHead(413).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: n, duplicates: 0, rejected: 0, errors: [] }));
    });
    const report = await runSimulation({ ...FLOOR, durationMs: 5 * 60_000, output: { kind: 'post', url, batchSize: 400 } });
    expect(sizes.filter((n) => n <= 100).reduce((a, b) => a + b, 0)).toBe(report.sent);
    expect(report.accepted).toBe(report.sent);
  });

  it('stops on an answer no retry can fix (401)', async () => {
    const url = await serve((_req, _body, res) => void res.writeHead(401).end('bad token'));
    await expect(runSimulation({ ...FLOOR, output: { kind: 'post', url, token: 'wrong' } })).rejects.toBeInstanceOf(DeliveryError);
  });

  it('retries while the server is not up yet (connection refused)', async () => {
    // A port that was free a moment ago: nothing listens there until the third attempt.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    let attempts = 0;
    const report = await runSimulation({
      ...FLOOR, durationMs: 5 * 60_000,
      sleep: async () => {
        if (++attempts === 2) {
          server = http.createServer((_req, res) => void res.writeHead(200).end());
          await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
        }
      },
      output: { kind: 'post', url: `http://127.0.0.1:${port}`, batchSize: 10_000 },
    });
    expect(report.retries).toBe(2);
    expect(report.accepted).toBe(report.sent);
  });
});
