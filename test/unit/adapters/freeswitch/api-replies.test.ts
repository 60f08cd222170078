import { describe, expect, it } from 'vitest';
import { parseAgentList, parseChannelList } from '../../../../server/adapters/freeswitch/api-replies.js';
import { AGENT_COLUMNS, agentList, showChannels } from './api-fixtures.js';

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
