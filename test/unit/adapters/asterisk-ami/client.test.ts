import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTHING_MAPPED_WARNING, NOTHING_MAPPED_WARNING_AFTER, createAmiAdapter } from '../../../../server/adapters/asterisk-ami/client.js';
import { header } from '../../../../server/adapters/asterisk-ami/parser.js';
import type { FeedAdapter } from '../../../../server/adapters/types.js';
import { floorEventSchema, type FloorEventInput } from '../../../../shared/events.js';
import { replayEvents } from '../../../../server/replay/replay.js';
import { defaultRulesConfig } from '../../../../shared/rules-config.js';
import { FakeAmiServer, SinkRecorder } from './fake-ami-server.js';
import { amiParts, amiSession } from './fixtures.js';

let server: FakeAmiServer;
let port: number;
let adapter: FeedAdapter | undefined;
const logLines: string[] = [];
const logger = {
  info: (...a: unknown[]) => logLines.push(JSON.stringify(a)),
  warn: (...a: unknown[]) => logLines.push(JSON.stringify(a)),
  debug: (...a: unknown[]) => logLines.push(JSON.stringify(a)),
  error: (...a: unknown[]) => logLines.push(JSON.stringify(a)),
} as never;

beforeEach(async () => {
  server = new FakeAmiServer();
  port = await server.listen();
  logLines.length = 0;
});
afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await server.close();
});

function start(recorder: SinkRecorder<FloorEventInput>, extra: Record<string, unknown> = {}) {
  adapter = createAmiAdapter({
    url: `asterisk-ami://floorwatch:s3cr%3At@127.0.0.1:${port}`,
    sink: recorder.sink,
    logger,
    surveyExtension: '7900',
    backoff: { initialMs: 5, maxMs: 20 },
    batch: { intervalMs: 5 },
    ...extra,
  });
  return adapter;
}

const FULLY_BOOTED = (uptime: number) =>
  `Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: ${uptime}\r\nLastReload: ${uptime}\r\nStatus: Fully Booted\r\n\r\n`;

describe('Asterisk AMI adapter over TCP', () => {
  it('waits for the banner, logs in with Events: on, and translates a replayed session', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    expect(a.name).toBe(`asterisk-ami 127.0.0.1:${port}`);
    const started = a.start();
    const session = await server.nextSession();
    await started;
    expect(header(session.login, 'Username')).toBe('floorwatch');
    expect(header(session.login, 'Secret')).toBe('s3cr:t');
    expect(header(session.login, 'Events')).toBe('on');
    session.send(FULLY_BOOTED(1000) + amiSession('answered-caller-hangup') + 'Event: SomethingNew\r\n\r\nnot a header\r\n\r\n');
    await rec.untilEvent('call.ended');
    const c = a.counters();
    expect(c).toMatchObject({ connected: true, reconnects: 0, read: 11, mapped: 5, ignored: 5, failed: 1, events: 5 });
    expect(rec.events.map((e) => e.type)).toEqual(['agent.login', 'call.offered', 'call.ringing', 'call.answered', 'call.ended']);
    expect(logLines.join('\n')).not.toContain('s3cr');
  });

  it('a dropped connection mid-call: reconnects, logs in again, and the call carries on', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const [before, after] = amiParts('answered-caller-hangup');
    const first = await server.nextSession();
    first.send(FULLY_BOOTED(1000) + before);
    await rec.untilEvent('call.ringing');
    first.drop();
    const second = await server.nextSession();
    // Only a fresh login went out on the new connection: nothing stale.
    expect(server.actions.map((m) => header(m, 'Action'))).toEqual(['Login', 'Login']);
    second.send(FULLY_BOOTED(1010) + after);
    await rec.untilEvent('call.ended', { releasedBy: 'customer' });
    expect(rec.events.filter((e) => e.type === 'call.answered')).toHaveLength(1);
    expect(a.counters()).toMatchObject({ connected: true, reconnects: 1 });
  });

  it('a PBX that restarts mid-call: the calls it carried are ended by the system', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const first = await server.nextSession();
    first.send(FULLY_BOOTED(1000) + amiParts('answered-caller-hangup')[0]);
    await rec.untilEvent('call.ringing');
    first.drop();
    const second = await server.nextSession();
    // Uptime 0: Asterisk came up after we lost it.
    second.send(FULLY_BOOTED(0) + amiSession('abandoned'));
    await rec.untilEvent('call.ended', { callId: '1764291800.21' });
    expect(rec.events.filter((e) => e.type === 'call.ended').map((e) => [e.callId, (e as { releasedBy: string }).releasedBy]))
      .toEqual([['1764291605.11', 'system'], ['1764291800.21', 'customer']]);
  });

  it('a refused login stops the adapter with a clear error and does not retry', async () => {
    server.acceptLogin = false;
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    await a.start();
    const c = a.counters();
    expect(c.connected).toBe(false);
    expect(c.lastError).toMatch(/login refused for user floorwatch: Authentication failed/);
    expect(c.lastError).not.toContain('s3cr');
    // The connection is closed and no reconnect was scheduled: nothing will retry.
    expect(c.nextRetryAt).toBeUndefined();
    expect(server.connections).toBe(1);
  });
});

describe('end to end: AMI traffic in, queue figures and alerts out', () => {
  it('the floor engine sees the calls, the late answer and the abandon', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const session = await server.nextSession();
    const names = ['answered-caller-hangup', 'abandoned', 'hold', 'blind-transfer-survey'];
    // Chunks split anywhere on the wire, as TCP may deliver them.
    const wire = Buffer.from(FULLY_BOOTED(1000) + names.map(amiSession).join(''));
    for (let i = 0; i < wire.length; i += 97) session.send(wire.subarray(i, i + 97));
    await rec.until((events) => events.filter((e) => e.type === 'call.ended').length === 4);
    await a.stop();
    adapter = undefined;

    const events = rec.events.map((e) => floorEventSchema.parse(e));
    const report = replayEvents(events, defaultRulesConfig());
    expect(report.events.duplicates).toBe(0);
    expect(report.queues.support).toMatchObject({ offered: 4, answered: 3, abandoned: 1, waiting: 0 });
    const late = report.alerts.filter((x) => x.rule === 'answer-3-rings');
    expect(late.map((x) => x.callId)).toContain('1764291605.11');
    expect(late.find((x) => x.callId === '1764291605.11')?.openedAt).toBe(new Date(1764291616000).toISOString());
  });

  it('says once why the floor stays empty when nothing it reads is a queue call', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    const started = a.start();
    const session = await server.nextSession();
    await started;
    // Calls between extensions, never through a queue: read, and ignored.
    const direct = (n: number) => `Event: Newchannel\r\nChannel: SIP/2001-${n}\r\nUniqueid: 1700000000.${n}\r\nExten: 2002\r\n\r\n`;
    session.send(Array.from({ length: NOTHING_MAPPED_WARNING_AFTER + 10 }, (_, n) => direct(n)).join(''));
    await expect.poll(() => a.counters().read, { timeout: 5000 }).toBe(NOTHING_MAPPED_WARNING_AFTER + 10);
    expect(a.counters().mapped).toBe(0);
    expect(logLines.filter((l) => l.includes(NOTHING_MAPPED_WARNING))).toHaveLength(1);
  });
});
