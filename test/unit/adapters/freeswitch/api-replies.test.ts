import { describe, expect, it } from 'vitest';
import { parseAgentList, parseChannelList, parseMemberList, parseQueueList } from '../../../../server/adapters/freeswitch/api-replies.js';
import { AGENT_COLUMNS, agentList, MEMBER_COLUMNS, memberList, QUEUE_COLUMNS, queueList, showChannels } from './api-fixtures.js';

describe('show channels as json', () => {
  it('reads the uuids of the channels alive, and an empty answer as none', () => {
    const body = showChannels([
      { uuid: 'aaaa-1', name: 'sofia/external/0612345678@10.0.0.9' },
      { uuid: 'bbbb-2', name: 'sofia/internal/1000@10.0.0.5' },
    ]);
    expect(parseChannelList(body)).toEqual({ ok: true, value: new Set(['aaaa-1', 'bbbb-2']) });
    expect(parseChannelList('{"row_count": 0}\n')).toEqual({ ok: true, value: new Set() });
  });

  it('refuses errors and anything half understood: nothing may be concluded from them', () => {
    // mod_commands writes the SQL error, then may still append the empty answer.
    expect(parseChannelList('-ERR SQL Error [no such table: channels]\n{"row_count": 0}\n'))
      .toEqual({ ok: false, reason: '-ERR SQL Error [no such table: channels]' });
    for (const body of ['-ERR SQL DISABLED NO DATA AVAILABLE!\n', '', 'not json', '[]', '{"rows":[]}',
      '{"row_count":2,"rows":[{"uuid":"a"}]}', '{"row_count":1,"rows":[{"name":"x"}]}', '{"row_count":1}']) {
      expect(parseChannelList(body).ok).toBe(false);
    }
  });
});

describe('callcenter_config agent list', () => {
  it('reads name and status by column name; no agents is +OK alone', () => {
    const body = agentList([{ name: '1000@default', status: 'Available' }, { name: '1001@default', status: 'On Break' }]);
    expect(parseAgentList(body)).toEqual({ ok: true, value: [
      { name: '1000@default', status: 'Available' }, { name: '1001@default', status: 'On Break' },
    ] });
    expect(parseAgentList('+OK\n')).toEqual({ ok: true, value: [] });
    // Older builds have a `system` column and no external_calls_count: found by name all the same.
    const older = 'name|system|uuid|type|contact|status|state\n1002@default|single_box||callback|user/1002|Logged Out|Waiting\n+OK\n';
    expect(parseAgentList(older)).toEqual({ ok: true, value: [{ name: '1002@default', status: 'Logged Out' }] });
  });

  it('reads the columns after a contact that holds | (a failover dial string)', () => {
    const body = agentList([{ name: '1003@default', status: 'Available (On Demand)', contact: 'user/1003|sofia/gateway/gsm/0612345678' }]);
    expect(body.split('\n')[1].split('|').length).toBe(AGENT_COLUMNS.split('|').length + 1);
    expect(parseAgentList(body)).toEqual({ ok: true, value: [{ name: '1003@default', status: 'Available (On Demand)' }] });
  });

  it('refuses errors and broken tables', () => {
    expect(parseAgentList('-ERR callcenter_config Command not found!\n'))
      .toEqual({ ok: false, reason: '-ERR callcenter_config Command not found!' });
    for (const body of ['', 'name|status\n1000@default|Available\n', 'nom|statut\nx|y\n+OK\n', 'name|status|state\n1000@default\n+OK\n']) {
      expect(parseAgentList(body).ok).toBe(false);
    }
  });
});

describe('callcenter_config queue list', () => {
  it('reads the queue names; the header alone is no queue', () => {
    expect(parseQueueList(queueList(['support@default', 'vip@default']))).toEqual({ ok: true, value: ['support@default', 'vip@default'] });
    expect(parseQueueList(queueList([]))).toEqual({ ok: true, value: [] });
    // A `|` in a later column (a record template) does not matter: only the first is read.
    expect(parseQueueList(`${QUEUE_COLUMNS}\nsales@default|ring-all|a|b|c|d|e\n+OK\n`)).toEqual({ ok: true, value: ['sales@default'] });
  });

  it('refuses errors and anything but a name column first', () => {
    expect(parseQueueList('-ERR callcenter_config Command not found!\n').ok).toBe(false);
    for (const body of ['', `${QUEUE_COLUMNS}\nsupport@default|x\n`, 'strategy|name\nx|y\n+OK\n', `${QUEUE_COLUMNS}\n|x\n+OK\n`]) {
      expect(parseQueueList(body).ok).toBe(false);
    }
  });
});

describe('callcenter_config queue list members', () => {
  it('reads each caller: its uuids, number, times, serving agent and state; none is +OK alone', () => {
    const body = memberList([
      { queue: 'support@default', uuid: 'm-1', session: 's-1', state: 'Waiting', cidNumber: '0612345678', joined: 1764316800 },
      { queue: 'support@default', uuid: 'm-2', session: 's-2', state: 'Answered', joined: 1764316700, bridged: 1764316712, agent: '1001@default' },
    ]);
    expect(parseMemberList(body)).toEqual({ ok: true, value: [
      { queue: 'support@default', uuid: 'm-1', sessionUuid: 's-1', cidNumber: '0612345678', joinedEpoch: 1764316800,
        rejoinedEpoch: 0, bridgeEpoch: 0, servingAgent: '', state: 'Waiting' },
      { queue: 'support@default', uuid: 'm-2', sessionUuid: 's-2', cidNumber: '', joinedEpoch: 1764316700,
        rejoinedEpoch: 0, bridgeEpoch: 1764316712, servingAgent: '1001@default', state: 'Answered' },
    ] });
    expect(parseMemberList('+OK\n')).toEqual({ ok: true, value: [] });
  });

  it('a caller\'s name holding | shifts nothing after it', () => {
    const body = memberList([{ queue: 'q@default', uuid: 'm-3', session: 's-3', state: 'Trying', cidName: 'Li | Bank', joined: 5, agent: '1002' }]);
    expect(body.split('\n')[1].split('|').length).toBe(MEMBER_COLUMNS.split('|').length + 1);
    expect(parseMemberList(body)).toMatchObject({ ok: true, value: [{ sessionUuid: 's-3', servingAgent: '1002', state: 'Trying', joinedEpoch: 5 }] });
  });

  it('refuses errors, tables without the columns it needs, and rows it cannot read', () => {
    expect(parseMemberList('-ERR Invalid!\n')).toEqual({ ok: false, reason: '-ERR Invalid!' });
    expect(parseMemberList('queue|uuid\nq|m\n+OK\n')).toEqual({ ok: false, reason: 'no session_uuid, state column' });
    for (const body of ['', `${MEMBER_COLUMNS}\nq|single_box\n+OK\n`, `${MEMBER_COLUMNS}\n${'|'.repeat(15)}\n+OK\n`]) {
      expect(parseMemberList(body).ok).toBe(false);
    }
  });
});
