import { describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../../shared/events.js';
import { createQueueLogMapper, type QueueLogMapper } from '../../../../server/adapters/queue-log/mapping.js';
import type { QueueLogMappingOptions } from '../../../../server/adapters/queue-log/options.js';
import { parsePipeLine } from '../../../../server/adapters/queue-log/parse-line.js';
import { STOCK_EVENTS } from '../../../../server/adapters/queue-log/record.js';

const T = 1795827600;

/** Feeds pipe lines (`+s|callid|queue|agent|EVENT|data`, time relative to T) and returns each line's events. */
function run(lines: string[], options?: QueueLogMappingOptions, mapper: QueueLogMapper = createQueueLogMapper(options)) {
  return lines.map((line, i) => {
    const [rel, ...rest] = line.split('|');
    const parsed = parsePipeLine([T + Number(rel), ...rest].join('|'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const out = mapper.map(parsed.record, i);
    if (out.status === 'mapped') for (const e of out.events) floorEventSchema.parse(e); // valid v1 events
    return out.status === 'mapped' ? out.events.map(({ id: _id, source: _s, ...e }) => e) : out.reason;
  });
}

const ms = (rel: number) => (T + rel) * 1000;

describe('queue_log mapping: calls', () => {
  it('ENTERQUEUE offers the call, with the caller id', () => {
    expect(run(['0|c1|sales|NONE|ENTERQUEUE||13812345678|1'])[0]).toEqual([
      { type: 'call.offered', callId: 'c1', queue: 'sales', direction: 'inbound', from: '13812345678', ts: ms(0) },
    ]);
  });

  it('CONNECT with a ring time replays the ring, then answers; without one it only answers', () => {
    const out = run(['0|c1|sales|NONE|ENTERQUEUE||138', '9|c1|sales|SIP/1001|CONNECT|9|c1.2|4', '20|c2|sales|NONE|ENTERQUEUE||139', '23|c2|sales|SIP/1002|CONNECT|3']);
    expect(out[1]).toEqual([
      { type: 'call.ringing', callId: 'c1', agentId: '1001', ts: ms(5) },
      { type: 'call.answered', callId: 'c1', agentId: '1001', ts: ms(9) },
    ]);
    expect(out[3]).toEqual([{ type: 'call.answered', callId: 'c2', agentId: '1002', ts: ms(23) }]);
  });

  it('CONNECT of a call never seen entering is offered at now - holdtime in its queue', () => {
    expect(run(['30|c9|vip|PJSIP/1001|CONNECT|12|x|2'])[0]).toEqual([
      { type: 'call.offered', callId: 'c9', queue: 'vip', direction: 'inbound', ts: ms(18) },
      { type: 'call.ringing', callId: 'c9', agentId: '1001', ts: ms(28) },
      { type: 'call.answered', callId: 'c9', agentId: '1001', ts: ms(30) },
    ]);
  });

  it('RINGNOANSWER and RINGCANCELED replay the ring at now - ringtime (ms)', () => {
    const out = run(['0|c1|sales|NONE|ENTERQUEUE||138', '16|c1|sales|SIP/1003|RINGNOANSWER|15000', '18|c1|sales|SIP/1004|RINGCANCELED|1500', '19|c1|sales|SIP/1004|RINGNOANSWER|0']);
    expect(out[1]).toEqual([{ type: 'call.ringing', callId: 'c1', agentId: '1003', ts: ms(1) }]);
    expect(out[2]).toEqual([{ type: 'call.ringing', callId: 'c1', agentId: '1004', ts: ms(18) - 1500 }]);
    expect(out[3]).toBe('no ring time');
  });

  it.each([
    ['COMPLETECALLER|3|87|1', 'customer'],
    ['COMPLETEAGENT|3|87|1', 'agent'],
    ['ABANDON|1|1|9', 'customer'],
    ['EXITWITHKEY|5|1|1|9', 'customer'],
    ['EXITWITHTIMEOUT|1|1|9', 'system'],
    ['EXITEMPTY|1|1|9', 'system'],
  ])('%s ends the call, released by %s', (tail, releasedBy) => {
    const out = run(['0|c1|sales|NONE|ENTERQUEUE||138', `9|c1|sales|SIP/1001|${tail}`]);
    expect(out[1]).toEqual([{ type: 'call.ended', callId: 'c1', releasedBy, ts: ms(9) }]);
  });

  it('an abandon of a call never seen entering is offered at now - waittime', () => {
    expect(run(['9|c1|sales|NONE|ABANDON|1|1|7'])[0]).toEqual([
      { type: 'call.offered', callId: 'c1', queue: 'sales', direction: 'inbound', ts: ms(2) },
      { type: 'call.ended', callId: 'c1', releasedBy: 'customer', ts: ms(9) },
    ]);
  });

  it('TRANSFER / BLINDTRANSFER / ATTENDEDTRANSFER: target from configuration, then the call ends', () => {
    const options = { surveyExtensions: ['9999'], queueExtensions: ['6000'] };
    const out = run([
      '0|c1|sales|SIP/1001|TRANSFER|9999|survey|2|88|1',
      '1|c2|sales|SIP/1001|BLINDTRANSFER|13912345678|from-internal|2|28|1',
      '2|c3|sales|NONE|ENTERQUEUE||138',
      '3|c3|sales|SIP/1002|CONNECT|1|x|1',
      '4|c3|sales|NONE|ATTENDEDTRANSFER|BRIDGE|b-1|1|1|1',
      '5|c4|sales|SIP/1001|BLINDTRANSFER|6000|from-internal|2|28|1',
    ], options);
    expect(out[0]).toEqual([
      { type: 'call.transferred', callId: 'c1', agentId: '1001', target: 'survey', to: '9999', ts: ms(0) },
      { type: 'call.ended', callId: 'c1', releasedBy: 'system', ts: ms(0) + 1 },
    ]);
    expect(out[1]).toMatchObject([{ target: 'external', to: '13912345678' }, { type: 'call.ended' }]);
    // The agent comes from the CONNECT when the line has none; an attended transfer's target is not logged.
    expect(out[4]).toMatchObject([{ type: 'call.transferred', agentId: '1002', target: 'agent' }, { type: 'call.ended' }]);
    // To a queue: the call comes back with an ENTERQUEUE, so it does not end.
    expect(out[5]).toEqual([{ type: 'call.transferred', callId: 'c4', agentId: '1001', target: 'queue', to: '6000', ts: ms(5) }]);
  });

  it('QUEUESTART (a PBX start) closes every call the log left open, and counts it', () => {
    const mapper = createQueueLogMapper();
    const out = run(['0|c1|sales|NONE|ENTERQUEUE||138', '1|c2|sales|NONE|ENTERQUEUE||139', '2|c2|sales|SIP/1|CONNECT|1|x|1', '50|NONE|NONE|NONE|QUEUESTART|', '51|NONE|NONE|NONE|QUEUESTART|'], {}, mapper);
    expect(out[3]).toEqual([
      { type: 'call.ended', callId: 'c1', releasedBy: 'system', reason: 'other', pbxRestart: true, ts: ms(50) },
      { type: 'call.ended', callId: 'c2', releasedBy: 'system', reason: 'other', pbxRestart: true, ts: ms(50) + 1 },
    ]);
    expect(out[4]).toBe('PBX start with no open calls');
    expect(mapper.stats()).toMatchObject({ restarts: 2, callsClosedByRestart: 2 });
    expect(mapper.openCalls()).toEqual([]);
  });
});

describe('queue_log mapping: agents', () => {
  it('ADDMEMBER logs in once however many queues; REMOVEMEMBER logs out with the last', () => {
    const out = run([
      '0|NONE|sales|PJSIP/1001|ADDMEMBER|', '0|NONE|support|PJSIP/1001|ADDMEMBER|',
      '9|NONE|sales|PJSIP/1001|REMOVEMEMBER|', '9|NONE|support|PJSIP/1001|REMOVEMEMBER|',
    ]);
    expect(out).toEqual([
      [{ type: 'agent.login', agentId: '1001', stationId: 'PJSIP/1001', ts: ms(0) }],
      'already logged in through another queue',
      'still a member of another queue',
      [{ type: 'agent.logout', agentId: '1001', stationId: 'PJSIP/1001', ts: ms(9) }],
    ]);
  });

  it('AGENTLOGIN / AGENTCALLBACKLOGIN take the station from data; the logoffs name the same one', () => {
    const out = run([
      '0|NONE|NONE|Agent/2001|AGENTLOGIN|SIP/3001-0000000a',
      '1|NONE|NONE|Agent/2002|AGENTCALLBACKLOGIN|3002@from-internal',
      '8|NONE|NONE|Agent/2001|AGENTLOGOFF|SIP/3001-0000000a|8',
      '9|NONE|NONE|Agent/2002|AGENTCALLBACKLOGOFF|3002@from-internal|8|CommandLogoff',
    ]);
    expect(out).toEqual([
      [{ type: 'agent.login', agentId: '2001', stationId: 'SIP/3001', ts: ms(0) }],
      [{ type: 'agent.login', agentId: '2002', stationId: '3002@from-internal', ts: ms(1) }],
      [{ type: 'agent.logout', agentId: '2001', stationId: 'SIP/3001', ts: ms(8) }],
      [{ type: 'agent.logout', agentId: '2002', stationId: '3002@from-internal', ts: ms(9) }],
    ]);
  });

  it('PAUSE / PAUSEALL map reasons (configurable, unlisted -> other, empty -> none); repeats per queue are dropped', () => {
    const out = run([
      '0|NONE|sales|SIP/1001|PAUSE|Lunch', '0|NONE|support|SIP/1001|PAUSE|Lunch',
      '1|NONE|NONE|SIP/1001|PAUSEALL|Smoke', '2|NONE|NONE|SIP/1001|PAUSEALL|',
      '3|NONE|NONE|SIP/1001|PAUSEALL|Backoffice',
      '4|NONE|sales|SIP/1001|UNPAUSE|', '4|NONE|support|SIP/1001|UNPAUSE|', '5|NONE|NONE|SIP/1001|UNPAUSEALL|',
    ], { pauseReasons: { backoffice: 'training' } });
    expect(out).toEqual([
      [{ type: 'agent.state', agentId: '1001', state: 'not_ready', reason: 'meal', ts: ms(0) }],
      'same state already sent',
      [{ type: 'agent.state', agentId: '1001', state: 'not_ready', reason: 'other', ts: ms(1) }],
      [{ type: 'agent.state', agentId: '1001', state: 'not_ready', ts: ms(2) }],
      [{ type: 'agent.state', agentId: '1001', state: 'not_ready', reason: 'training', ts: ms(3) }],
      [{ type: 'agent.state', agentId: '1001', state: 'available', ts: ms(4) }],
      'same state already sent',
      'same state already sent',
    ]);
  });

  it('the agent id is configurable (e.g. member names logged as agent)', () => {
    expect(run(['0|NONE|sales|Alice Wong|ADDMEMBER|'], { agentId: (a) => a.split(' ')[0].toLowerCase() })[0])
      .toMatchObject([{ agentId: 'alice', stationId: 'Alice Wong' }]);
  });

  it('a member added paused logs in not ready (reason other) until it is unpaused', () => {
    // app_queue.c manager_add_queue_member (AMI QueueAdd, Paused: true):
    //   ast_queue_log(queuename, "MANAGER", interface, "ADDMEMBER", "%s", paused ? "PAUSED" : "")
    const out = run(['0|MANAGER|sales|PJSIP/1001|ADDMEMBER|PAUSED', '5|NONE|sales|PJSIP/1001|UNPAUSE|']);
    expect(out).toEqual([
      [
        { type: 'agent.login', agentId: '1001', stationId: 'PJSIP/1001', ts: ms(0) },
        { type: 'agent.state', agentId: '1001', state: 'not_ready', reason: 'other', ts: ms(0) + 1 },
      ],
      [{ type: 'agent.state', agentId: '1001', state: 'available', ts: ms(5) }],
    ]);
  });

  // FreePBX *45 runs AddQueueMember(sales,Local/1001@from-queue/n,0,,<display name>,hint:1001@ext-local).
  // app_queue.c logs ADDMEMBER / REMOVEMEMBER with the interface (log_membername_as_agent = no,
  // the default) but CONNECT, RINGNOANSWER, COMPLETE* and PAUSE with member->membername.
  const freepbxDay = [
    '0|MANAGER|sales|Local/1001@from-queue/n|ADDMEMBER|',
    '5|1795827605.11|sales|NONE|ENTERQUEUE||13812345678|1',
    '11|1795827605.11|sales|Alice Tan|CONNECT|6|1795827609.12|2',
    '20|NONE|sales|Alice Tan|PAUSE|Lunch',
    '30|NONE|sales|Local/1001@from-queue/n|REMOVEMEMBER|',
  ];

  it('agentNames makes a member name and its interface one agent', () => {
    const mapper = createQueueLogMapper({ agentNames: { 'alice tan': '1001' } }); // names match case-insensitively
    const agents = run(freepbxDay, undefined, mapper).flat().flatMap((e) => (typeof e === 'object' && 'agentId' in e ? [e.agentId] : []));
    expect(agents).toEqual(['1001', '1001', '1001', '1001', '1001']); // login, ring, answer, pause, logout
    expect(mapper.stats().unmatchedMemberNames).toEqual({});
  });

  it('older FreePBX adds its own ADDMEMBER / REMOVEMEMBER by name: still one login, one logout, at the interface', () => {
    // FreePBX queues module (macro-toggle-add-agent / -del-agent, before it was dropped): after
    // AddQueueMember / RemoveQueueMember, QueueLog(${QUEUENO},MANAGER,<display name>,ADDMEMBER|REMOVEMEMBER).
    const out = run([
      '0|1795827600.5|sales|Local/1001@from-queue/n|ADDMEMBER|', '0|MANAGER|sales|Alice Tan|ADDMEMBER|',
      '30|1795827630.6|sales|Local/1001@from-queue/n|REMOVEMEMBER|', '30|MANAGER|sales|Alice Tan|REMOVEMEMBER|',
    ], { agentNames: { 'Alice Tan': '1001' } });
    expect(out).toEqual([
      [{ type: 'agent.login', agentId: '1001', stationId: 'Local/1001@from-queue/n', ts: ms(0) }],
      'already logged in through another queue',
      [{ type: 'agent.logout', agentId: '1001', stationId: 'Local/1001@from-queue/n', ts: ms(30) }],
      'already logged out',
    ]);
  });

  it('without it, member names on call and pause lines that no login named are counted for a warning', () => {
    const mapper = createQueueLogMapper();
    run([
      ...freepbxDay,
      '40|c2|sales|NONE|ENTERQUEUE||139|1',
      '56|c2|sales|PJSIP/1002|RINGNOANSWER|15000', // an interface: the same on every line, never a mismatch
      '57|NONE|sales|Carol Ng|ADDMEMBER|', // log_membername_as_agent = yes: the login names her
      '60|c2|sales|Carol Ng|CONNECT|20|c2.3|3',
    ], undefined, mapper);
    expect(mapper.stats().unmatchedMemberNames).toEqual({ 'Alice Tan': 2 });
  });
});

describe('queue_log mapping: everything else', () => {
  it('has a translator for every stock event; CONFIGRELOAD and unknown events are ignored and counted', () => {
    const mapper = createQueueLogMapper();
    const out = run(['0|NONE|NONE|NONE|CONFIGRELOAD|', '1|NONE|NONE|NONE|MYEVENT|x', '2|NONE|NONE|NONE|MYEVENT|'], {}, mapper);
    expect(out[0]).toContain('changes nothing');
    expect(out[1]).toBe('unknown event MYEVENT');
    expect(mapper.stats().unknownEvents).toEqual({ MYEVENT: 2 });
    for (const event of STOCK_EVENTS) {
      const r = parsePipeLine(`${T}|c1|q|SIP/1|${event}|1|2|3`);
      expect(r.ok && createQueueLogMapper().map(r.record, 0)).not.toMatchObject({ reason: expect.stringContaining('unknown') });
    }
  });

  it('AGENTDUMP (the member hung up during the announcement) is stock and sends nothing; the caller waits on', () => {
    // app_queue.c try_calling(): ast_queue_log(queuename, uniqueid, member->membername, "AGENTDUMP", "%s", "")
    // then `goto out`: back to the queue's wait loop, which rings members again.
    const mapper = createQueueLogMapper();
    const out = run([
      '0|c1|sales|NONE|ENTERQUEUE||138|1', '8|c1|sales|PJSIP/1001|AGENTDUMP|', '20|c1|sales|PJSIP/1002|CONNECT|20|c1.3|3',
    ], {}, mapper);
    expect(out[1]).toBe('AGENTDUMP changes nothing on the floor');
    expect(out[2]).toMatchObject([{ type: 'call.ringing', agentId: '1002' }, { type: 'call.answered', agentId: '1002' }]);
    expect(mapper.stats().unknownEvents).toEqual({});
  });

  it('keeps the file order within a second and gives stable ids', () => {
    const lines = ['0|c1|sales|NONE|ENTERQUEUE||1', '0|c2|sales|NONE|ENTERQUEUE||2', '0|c1|sales|NONE|ABANDON|1|1|0'];
    const ids = (m: QueueLogMapper) => lines.map((l, i) => {
      const [rel, ...rest] = l.split('|');
      const r = parsePipeLine([T + Number(rel), ...rest].join('|'));
      const out = r.ok ? m.map(r.record, i * 40) : undefined;
      return out?.status === 'mapped' ? out.events.map((e) => [e.id, e.ts]) : [];
    });
    const first = ids(createQueueLogMapper());
    expect(first.flat().map(([, ts]) => ts)).toEqual([ms(0), ms(0) + 1, ms(0) + 2]);
    expect(first[0][0][0]).toBe(`ql-${T}-c1-ENTERQUEUE-0-offer`);
    expect(ids(createQueueLogMapper())).toEqual(first);
  });

  it('a call event without a callid is ignored', () => {
    expect(run(['0|NONE|sales|SIP/1|CONNECT|1'])[0]).toBe('no callid');
  });
});
