import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENTS_QUESTION, CHANNELS_QUESTION, createFreeswitchAdapter, EVENT_SUBSCRIPTION, membersQuestion, QUEUES_QUESTION } from '../../../../server/adapters/freeswitch/client.js';
import type { FeedAdapter } from '../../../../server/adapters/types.js';
import { floorEventSchema, type FloorEventInput } from '../../../../shared/events.js';
import { replayEvents } from '../../../../server/replay/replay.js';
import { defaultRulesConfig } from '../../../../shared/rules-config.js';
import { SinkRecorder } from '../asterisk-ami/fake-ami-server.js';
import { agentList, memberList, queueList, showChannels } from './api-fixtures.js';
import { emptyState, FakeEslServer } from './fake-esl-server.js';
import { eslEvent, eslParts, eslSession } from './fixtures.js';

const CALL1 = '11111111-aaaa-4000-8000-000000000001';
let server: FakeEslServer;
let port: number;
let adapter: FeedAdapter | undefined;
const logLines: string[] = [];
let logWaiters: Array<() => boolean> = [];
const log = (...a: unknown[]) => {
  logLines.push(JSON.stringify(a));
  logWaiters = logWaiters.filter((w) => !w());
};
const logger = { info: log, warn: log, debug: log, error: log } as never;
/** Resolves once a log line containing `text` was written. */
function untilLogged(text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => logLines.some((l) => l.includes(text)) && (resolve(), true);
    if (!check()) logWaiters.push(check);
  });
}
const ALL_COMMANDS = ['auth Clue:C0n', EVENT_SUBSCRIPTION, CHANNELS_QUESTION, AGENTS_QUESTION, QUEUES_QUESTION];

beforeEach(async () => {
  server = new FakeEslServer();
  server.password = 'Clue:C0n';
  port = await server.listen();
  logLines.length = 0;
  logWaiters = [];
});
afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await server.close();
});

function start(recorder: SinkRecorder<FloorEventInput>, extra: Record<string, unknown> = {}) {
  adapter = createFreeswitchAdapter({
    url: `freeswitch-esl://:Clue%3AC0n@127.0.0.1:${port}`,
    sink: recorder.sink,
    logger,
    backoff: { initialMs: 5, maxMs: 20 },
    batch: { intervalMs: 5 },
    ...extra,
  });
  return adapter;
}

describe('FreeSWITCH adapter over the event socket', () => {
  it('answers auth/request, subscribes, and translates a replayed session', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    expect(a.name).toBe(`freeswitch-esl 127.0.0.1:${port}`);
    const started = a.start();
    const session = await server.nextSession();
    await started;
    await session.until(QUEUES_QUESTION);
    expect(session.commands).toEqual(ALL_COMMANDS);
    session.send('Content-Type: log/data\nContent-Length: 3\n\nabc'
      + eslSession('answered')
      + 'Content-Length: 19\nContent-Type: text/event-plain\n\nnot an event line\n\n'
      + eslEvent([['Event-Name', 'HEARTBEAT']]));
    await rec.untilEvent('call.ended');
    await rec.until(() => a.counters().read === 10);
    expect(a.counters()).toMatchObject({ connected: true, reconnects: 0, read: 10, mapped: 6, ignored: 3, failed: 1, events: 7 });
    expect(rec.events.map((e) => e.type)).toEqual(
      ['agent.logout', 'agent.login', 'agent.state', 'call.offered', 'call.ringing', 'call.answered', 'call.ended']);
    expect(logLines.join('\n')).not.toContain('C0n');
  });

  it('a dropped connection mid-call: reconnects, authenticates again, and the call carries on', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const [before, after] = eslParts('answered');
    // The caller is still up when the adapter asks after the reconnect.
    server.api = (command) => (command === 'show channels as json'
      ? showChannels([{ uuid: CALL1, name: 'sofia/external/0612345678@10.0.0.9' }])
      : emptyState(command));
    const first = await server.nextSession();
    first.send(before);
    await rec.untilEvent('call.ringing');
    first.drop();
    const second = await server.nextSession();
    // A fresh auth, the subscription and the resync questions on the new connection: nothing stale.
    await second.until(QUEUES_QUESTION);
    expect(second.commands).toEqual(ALL_COMMANDS);
    second.send(after);
    await rec.untilEvent('call.ended', { releasedBy: 'customer' });
    expect(rec.events.filter((e) => e.type === 'call.answered')).toHaveLength(1);
    expect(rec.events.filter((e) => e.type === 'call.ended')).toHaveLength(1);
    expect(a.counters()).toMatchObject({ connected: true, reconnects: 1 });
  });

  it('after a reconnect, ends a call whose end fell in the gap and learns the agents\' statuses', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const [before] = eslParts('answered');
    const first = await server.nextSession();
    await first.until(QUEUES_QUESTION);
    first.send(before);
    await rec.untilEvent('call.ringing');
    // While the link is down the caller hangs up (its channel is no longer listed; another
    // call's is), agent 1000 goes on break, 1001 (never seen) is logged out.
    server.api = (command) => {
      if (command === 'show channels as json') return showChannels([{ uuid: 'cccc-other-call', name: 'sofia/external/0699999999@10.0.0.9' }]);
      if (command === 'callcenter_config agent list') {
        return agentList([{ name: '1000@default', status: 'On Break' }, { name: '1001@default', status: 'Logged Out' }]);
      }
      return emptyState(command);
    };
    first.drop();
    const second = await server.nextSession();
    await rec.untilEvent('call.ended', { callId: CALL1 });
    await rec.untilEvent('agent.state', { agentId: '1000', state: 'not_ready' });
    expect(second.commands).toEqual(ALL_COMMANDS);
    expect(rec.events.find((e) => e.type === 'call.ended')).toMatchObject({ releasedBy: 'system', reason: 'other', resync: true });
    expect(rec.events.filter((e) => e.type === 'agent.logout' && e.agentId === '1001')).toEqual([]);
    for (const e of rec.events) expect(floorEventSchema.safeParse(e).success).toBe(true);
    expect(logLines.join('\n')).toContain('ending calls whose channels are gone');
    // The call's own end events, had they come late, change nothing (the status change after
    // them shows they were read).
    second.send(eslParts('answered')[1] + eslEvent([
      ['Event-Name', 'CUSTOM'], ['Event-Subclass', 'callcenter::info'], ['CC-Action', 'agent-status-change'],
      ['CC-Agent', '1000@default'], ['CC-Agent-Status', 'Available'],
    ]));
    await rec.untilEvent('agent.state', { agentId: '1000', state: 'available' });
    expect(rec.events.filter((e) => e.type === 'call.ended')).toHaveLength(1);
  });

  it('a refused or failed resync answer is a warning and concludes nothing', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const [before, after] = eslParts('answered');
    const first = await server.nextSession();
    await first.until(QUEUES_QUESTION);
    first.send(before);
    await rec.untilEvent('call.ringing');
    // mod_commands on an SQL error (it still appends the empty answer); no mod_callcenter loaded.
    server.api = (command) => (command === 'show channels as json'
      ? '-ERR SQL Error [database is locked]\n{"row_count": 0}\n'
      : `-ERR ${command.split(' ')[0]} Command not found!\n`);
    first.drop();
    const second = await server.nextSession();
    await untilLogged('agent list failed');
    expect(logLines.join('\n')).toContain('show channels failed');
    second.send(after);
    await rec.untilEvent('call.ended', { releasedBy: 'customer' });
    expect(rec.events.filter((e) => (e as { resync?: boolean }).resync === true)).toEqual([]);
    expect(a.counters().connected).toBe(true);
  });

  it('learns the calls already in the queues when it connects, and reads their events from then on', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const joined = 1764291600; // 2025-11-28 01:00:00 UTC, FreeSWITCH's epoch seconds
    const cc = (action: string, extra: Array<[string, string]>) => eslEvent([
      ['Event-Name', 'CUSTOM'], ['Event-Subclass', 'callcenter::info'], ['CC-Action', action], ['CC-Queue', 'support@default'], ...extra,
    ]);
    server.api = (command, session) => {
      if (command === 'callcenter_config agent list') return agentList([{ name: '1000@default', status: 'Available' }]);
      if (command === 'callcenter_config queue list') return queueList(['support@default', 'vip@default']);
      if (command === 'callcenter_config queue list members support@default') {
        // A caller leaves while the question is out: the end comes first, the table still lists it.
        session.send(cc('member-queue-end', [['CC-Member-Session-UUID', 'left-1'], ['CC-Cause', 'Cancel']]));
        return memberList([
          { queue: 'support@default', uuid: 'm-talk', session: 'talk-1', state: 'Answered', joined, bridged: joined + 8, agent: '1000@default' },
          { queue: 'support@default', uuid: 'm-wait', session: 'wait-1', state: 'Waiting', cidNumber: '0612345678', joined: joined + 30 },
          { queue: 'support@default', uuid: 'm-left', session: 'left-1', state: 'Waiting', joined: joined + 20 },
        ]);
      }
      return emptyState(command);
    };
    const a = start(rec, { now: () => (joined + 40) * 1000 });
    void a.start();
    const session = await server.nextSession();
    await rec.untilEvent('call.offered', { callId: 'wait-1' });
    expect(session.commands.slice(-3)).toEqual([QUEUES_QUESTION, membersQuestion('support@default'), membersQuestion('vip@default')]);
    expect(logLines.join('\n')).toContain('calls already in the queue');
    // From now on the learnt calls' events are theirs: the agent hangs up, the waiting caller gives up.
    session.send(cc('bridge-agent-end', [['CC-Member-Session-UUID', 'talk-1'], ['CC-Agent', '1000@default']])
      + cc('member-queue-end', [['CC-Member-Session-UUID', 'wait-1'], ['CC-Cause', 'Cancel']]));
    await rec.until((events) => events.filter((e) => e.type === 'call.ended').length === 2);
    await a.stop();
    adapter = undefined;

    const events = rec.events.map((e) => floorEventSchema.parse(e));
    expect(events.map((e) => e.type)).toEqual(
      ['agent.state', 'call.offered', 'call.answered', 'call.offered', 'call.ended', 'call.ended']);
    const report = replayEvents(events, defaultRulesConfig());
    expect(report.queues['support@default']).toMatchObject({ offered: 2, answered: 1, abandoned: 1, waiting: 0 });
    expect(events.some((e) => 'callId' in e && e.callId === 'left-1')).toBe(false);
  });

  it('a caller bridged while the members question is out is learnt as answered; a bridge from before it is not', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const joined = 1764291600;
    const cc = (action: string, extra: Array<[string, string]>) => eslEvent([
      ['Event-Name', 'CUSTOM'], ['Event-Subclass', 'callcenter::info'], ['CC-Action', action], ['CC-Queue', 'support@default'], ...extra,
    ]);
    let afterGap = false;
    server.api = (command, session) => {
      if (command === 'callcenter_config queue list') return queueList(['support@default']);
      if (command === 'callcenter_config queue list members support@default') {
        if (!afterGap) return memberList([]);
        // The table is read, then bridge-1 is answered before the answer goes out.
        session.send(cc('bridge-agent-start', [['CC-Member-Session-UUID', 'bridge-1'], ['CC-Agent', '1000@default']]));
        return memberList([
          { queue: 'support@default', uuid: 'm-b', session: 'bridge-1', state: 'Waiting', joined },
          { queue: 'support@default', uuid: 'm-o', session: 'old-1', state: 'Waiting', joined },
        ]);
      }
      return emptyState(command);
    };
    const a = start(rec, { now: () => (joined + 40) * 1000 });
    void a.start();
    const first = await server.nextSession();
    // old-1, not followed, is bridged to an agent; later (the link down) it is back in the queue,
    // waiting. An agent's status after it shows the bridge was read.
    first.send(cc('bridge-agent-start', [['CC-Member-Session-UUID', 'old-1'], ['CC-Agent', '1001@default']])
      + cc('agent-status-change', [['CC-Agent', '1002@default'], ['CC-Agent-Status', 'Available']]));
    await rec.untilEvent('agent.state', { agentId: '1002' });
    afterGap = true;
    first.drop();
    await server.nextSession();
    await rec.untilEvent('call.offered', { callId: 'old-1' });
    await rec.untilEvent('call.answered', { callId: 'bridge-1' });
    expect(rec.events.filter((e) => e.type.startsWith('call.')).map((e) => [e.type, e.callId, (e as { agentId?: string }).agentId ?? null]))
      .toEqual([['call.offered', 'bridge-1', null], ['call.answered', 'bridge-1', '1000'], ['call.offered', 'old-1', null]]);
  });

  it('a refused password stops the adapter with a clear error and does not retry', async () => {
    server.password = 'other';
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    await a.start();
    const c = a.counters();
    expect(c.connected).toBe(false);
    expect(c.lastError).toBe('authentication refused: invalid');
    // Backoff is 5 ms: a retry would have happened well within this (the one wait in this file).
    await new Promise((r) => setTimeout(r, 100));
    expect(server.connections).toBe(1);
    expect(logLines.join('\n')).not.toContain('C0n');
  });
});

describe('end to end: FreeSWITCH traffic in, queue figures and alerts out', () => {
  it('the floor engine sees the calls, the late answer, the abandon and the timeout', async () => {
    const rec = new SinkRecorder<FloorEventInput>();
    const a = start(rec);
    void a.start();
    const session = await server.nextSession();
    // Chunks split anywhere on the wire, as TCP may deliver them.
    const wire = Buffer.from(['answered', 'abandoned', 'hold', 'timeout'].map(eslSession).join(''));
    for (let i = 0; i < wire.length; i += 97) session.send(wire.subarray(i, i + 97));
    await rec.until((events) => events.filter((e) => e.type === 'call.ended').length === 4);
    await a.stop();
    adapter = undefined;

    const events = rec.events.map((e) => floorEventSchema.parse(e));
    const report = replayEvents(events, defaultRulesConfig());
    expect(report.events.duplicates).toBe(0);
    expect(report.queues['support@default']).toMatchObject({ offered: 4, answered: 2, abandoned: 1, waiting: 0 });
    const late = report.alerts.filter((x) => x.rule === 'answer-3-rings');
    // The abandoned call also rang 15 s at agent 1000 before bridge-agent-fail: late as well.
    expect(late.map((x) => x.callId).sort()).toEqual([CALL1, '11111111-aaaa-4000-8000-000000000002']);
    expect(late.find((x) => x.callId === CALL1)?.openedAt).toBe(new Date(1764291616000).toISOString());
  });
});
