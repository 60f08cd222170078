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

/** FullyBooted as real Asterisk sends it (recorded): no Uptime. */
const REAL_FULLY_BOOTED = 'Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n';

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
    // Only a fresh login and its resync questions went out on the new connection: nothing stale.
    await expect.poll(() => server.actions.length).toBe(6);
    expect(server.actions.map((m) => header(m, 'Action'))).toEqual(
      ['Login', 'QueueStatus', 'CoreShowChannels', 'Login', 'QueueStatus', 'CoreShowChannels']);
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

  it('resync after a gap (real FullyBooted, no Uptime): a call gone meanwhile ends, a live one carries on', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const first = await server.nextSession();
    const join = 'Event: QueueCallerJoin\r\nChannel: SIP/trunk-00000009\r\nUniqueid: 1764291650.31\r\nCallerIDNum: 0611111111\r\n'
      + 'Queue: support\r\nPosition: 2\r\n\r\n';
    // Two calls ringing / waiting when the link drops.
    first.send(REAL_FULLY_BOOTED + amiParts('answered-caller-hangup')[0] + join);
    await rec.untilEvent('call.offered', { callId: '1764291650.31' });
    first.drop();
    // Meanwhile the first call was answered and hung up: only the second one's channel is alive.
    server.channels = [{ channel: 'SIP/trunk-00000009', uniqueid: '1764291650.31' }, { channel: 'SIP/1023-00000007', uniqueid: '1764291651.40' }];
    const second = await server.nextSession();
    second.send(REAL_FULLY_BOOTED);
    await rec.untilEvent('call.ended', { callId: '1764291605.11' });
    const ended = rec.events.find((e) => e.type === 'call.ended')!;
    expect(ended).toMatchObject({ releasedBy: 'system', reason: 'other', resync: true });
    expect(floorEventSchema.safeParse(ended).success).toBe(true);
    // The live call is still followed: its Hangup ends it as the customer's.
    second.send('Event: Hangup\r\nChannel: SIP/trunk-00000009\r\nUniqueid: 1764291650.31\r\nCause: 16\r\n\r\n');
    await rec.untilEvent('call.ended', { callId: '1764291650.31' });
    expect(rec.events.filter((e) => e.type === 'call.ended').map((e) => [e.callId, (e as { releasedBy: string }).releasedBy]))
      .toEqual([['1764291605.11', 'system'], ['1764291650.31', 'customer']]);
  });

  it('a PBX restart seen only through the channel list (no Uptime) ends every call it carried, once', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const first = await server.nextSession();
    first.send(REAL_FULLY_BOOTED + amiParts('answered-caller-hangup')[0]);
    await rec.untilEvent('call.ringing');
    first.drop();
    server.channels = [];
    const second = await server.nextSession();
    second.send(REAL_FULLY_BOOTED + amiSession('abandoned'));
    await rec.untilEvent('call.ended', { callId: '1764291800.21' });
    await rec.untilEvent('call.ended', { callId: '1764291605.11' });
    expect(rec.events.filter((e) => e.type === 'call.ended' && e.callId === '1764291605.11')).toHaveLength(1);
    expect(a.counters().connected).toBe(true);
  });

  it('calls already in conversation at connect are learnt from the channel list, unless hung up while it came', async () => {
    const legs = (n: number, agent: string) => [
      { channel: `SIP/trunk-0000000${n}`, uniqueid: `1764300000.${n}`, applicationData: 'support,t', bridgeId: `b-${n}` },
      { channel: `SIP/${agent}-0000001${n}`, uniqueid: `1764300010.${n}`, linkedid: `1764300000.${n}`, application: 'AppQueue',
        duration: '00:00:40', bridgeId: `b-${n}` },
    ];
    server.channels = [...legs(2, '1024'), ...legs(1, '1023')];
    server.queueStatus = ['1023', '1024'].map((agent) => `Event: QueueMember\r\nQueue: support\r\nMemberName: Agent ${agent}\r\nInterface: SIP/${agent}\r\nStatus: 2\r\nPaused: 0\r\n`);
    // The second caller hangs up once its channel is listed, before the end of the list.
    server.duringChannelList = 'Event: Hangup\r\nChannel: SIP/trunk-00000002\r\nUniqueid: 1764300000.2\r\nCause: 16\r\n\r\n';
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const session = await server.nextSession();
    await rec.untilEvent('call.answered', { callId: '1764300000.1' });
    expect(rec.events.filter((e) => e.type.startsWith('call.')).map((e) => [e.type, e.callId, (e as { agentId?: string }).agentId, (e as { resync?: boolean }).resync]))
      .toEqual([['call.answered', '1764300000.1', '1023', true]]);
    expect(logLines.some((l) => l.includes('calls already in conversation learnt'))).toBe(true);
    // Followed from then on: the agent's hang-up ends it as the agent's.
    session.send('Event: Hangup\r\nChannel: SIP/1023-00000011\r\nUniqueid: 1764300010.1\r\nCause: 16\r\n\r\n');
    await rec.untilEvent('call.ended', { callId: '1764300000.1' });
    expect(rec.events.at(-1)).toMatchObject({ releasedBy: 'agent' });
  });

  it('agents already logged in come from the QueueStatus answer after each login, without repeats', async () => {
    server.queueStatus = [
      'Event: QueueParams\r\nQueue: support\r\nMax: 0\r\nCalls: 0\r\n',
      'Event: QueueMember\r\nQueue: support\r\nName: Agent/401\r\nLocation: Local/id-1@agentcallback\r\nStatus: 1\r\nPaused: 0\r\n',
      'Event: QueueMember\r\nQueue: support\r\nMemberName: Agent 999\r\nInterface: PJSIP/999\r\nStatus: 1\r\nPaused: 1\r\nPausedReason: Lunch\r\n',
    ];
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const first = await server.nextSession();
    await rec.until((events) => events.length === 4);
    expect(rec.events.map((e) => [e.type, (e as { agentId?: string }).agentId, (e as { state?: string }).state ?? null])).toEqual([
      ['agent.login', '401', null], ['agent.state', '401', 'available'],
      ['agent.login', '999', null], ['agent.state', '999', 'not_ready'],
    ]);
    first.drop();
    // Asked again after the reconnect; the same answer adds nothing.
    const second = await server.nextSession();
    second.send(amiSession('answered-caller-hangup'));
    await rec.untilEvent('call.ended');
    expect(server.actions.filter((m) => header(m, 'Action') === 'QueueStatus')).toHaveLength(2);
    expect(rec.events.filter((e) => e.type.startsWith('agent.')).map((e) => e.agentId)).toEqual(['401', '401', '999', '999', '1023']);
  });

  it('an agent removed from its queues during a gap is logged out when the QueueStatus answer leaves it out', async () => {
    const member = (agent: string) => `Event: QueueMember\r\nQueue: support\r\nMemberName: Agent ${agent}\r\nInterface: PJSIP/${agent}\r\nStatus: 1\r\nPaused: 0\r\n`;
    server.queueStatus = [member('401'), member('402')];
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const first = await server.nextSession();
    await rec.until((events) => events.filter((e) => e.type === 'agent.login').length === 2);
    // 402 is removed while the link is down: its QueueMemberRemoved is never seen.
    server.queueStatus = [member('401')];
    first.drop();
    await server.nextSession();
    await rec.untilEvent('agent.logout');
    expect(rec.events.filter((e) => e.type === 'agent.logout')).toEqual([expect.objectContaining({ agentId: '402', stationId: 'PJSIP/402', resync: true })]);
    expect(logLines.some((l) => l.includes('logging out agents no longer in any queue'))).toBe(true);
  });

  it('a refused QueueStatus logs out nobody and says why', async () => {
    const member = 'Event: QueueMember\r\nQueue: support\r\nMemberName: Agent 401\r\nInterface: PJSIP/401\r\nStatus: 1\r\nPaused: 0\r\n';
    server.queueStatus = [member];
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const first = await server.nextSession();
    await rec.untilEvent('agent.login');
    server.queueStatus = 'refused';
    first.drop();
    const second = await server.nextSession();
    await expect.poll(() => logLines.some((l) => l.includes('AMI QueueStatus refused'))).toBe(true);
    // Events after the refusal still flow, and 401 stays logged in.
    second.send(amiSession('answered-caller-hangup'));
    await rec.untilEvent('call.ended');
    expect(rec.events.filter((e) => e.type === 'agent.logout')).toEqual([]);
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
