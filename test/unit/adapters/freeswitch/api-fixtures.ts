/**
 * Bodies of the `api` answers the adapter asks for after each (re)connect, shaped as
 * FreeSWITCH writes them (the api/response body, after the envelope's Content-Length).
 */

/**
 * `api show channels as json`: mod_commands `show_function` with `show_as_json_callback`
 * (`select * from channels where hostname=...`), printed by cJSON_PrintUnformatted:
 * `{"row_count":N,"rows":[{column: "text", ...}]}`; every value is a string. With no
 * channels it writes `{"row_count": 0}` and a newline, without `rows`. Only some of the
 * table's columns are shown here; the adapter reads `uuid`.
 */
export function showChannels(channels: Array<{ uuid: string; name: string; cid_num?: string }>): string {
  if (channels.length === 0) return '{"row_count": 0}\n';
  const rows = channels.map((c) => ({
    uuid: c.uuid, direction: 'inbound', created: '2025-11-28 09:00:05', created_epoch: '1764316805',
    name: c.name, state: 'CS_EXECUTE', cid_name: '', cid_num: c.cid_num ?? '', dest: '5000',
    application: 'callcenter', application_data: 'support@default', callstate: 'ACTIVE',
    call_uuid: c.uuid, hostname: 'fs1',
  }));
  return JSON.stringify({ row_count: rows.length, rows });
}

/**
 * `api callcenter_config agent list`: mod_callcenter `list_result_callback` over
 * `SELECT * FROM agents`: the column names joined by `|`, one line per agent, then `+OK`
 * (no agents: `+OK` alone). The columns of a current build's agents table.
 */
export const AGENT_COLUMNS = 'name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|reject_delay_time'
  + '|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|last_offered_call|last_status_change'
  + '|no_answer_count|calls_answered|talk_time|ready_time|external_calls_count';

export function agentList(agents: Array<{ name: string; status: string; contact?: string; state?: string }>): string {
  if (agents.length === 0) return '+OK\n';
  const rows = agents.map((a) => [
    a.name, 'single_box', '', 'callback', a.contact ?? `[verbose_events=true]user/${a.name.split('@')[0]}`,
    a.status, a.state ?? 'Waiting', '3', '10', '10', '60', '0', '1764316000', '1764316100', '1764316000',
    '1764315000', '0', '4', '380', '0', '0',
  ].join('|'));
  return [AGENT_COLUMNS, ...rows, '+OK', ''].join('\n');
}

/**
 * `api callcenter_config queue list`: mod_callcenter writes its header even with no queues
 * loaded, a row per queue (the columns of a current build), then `+OK`.
 */
export const QUEUE_COLUMNS = 'name|strategy|moh_sound|time_base_score|tier_rules_apply|tier_rule_wait_second'
  + '|tier_rule_wait_multiply_level|tier_rule_no_agent_no_wait|discard_abandoned_after|abandoned_resume_allowed'
  + '|max_wait_time|max_wait_time_with_no_agent|max_wait_time_with_no_agent_time_reached|record_template'
  + '|calls_answered|calls_abandoned|ring_progressively_delay|skip_agents_with_external_calls|agent_no_answer_status';

export function queueList(names: string[]): string {
  const rows = names.map((name) => [name, 'longest-idle-agent', 'local_stream://moh', 'system', 'false', '300', 'true',
    'false', '60', 'false', '0', '0', '20', '', '12', '3', '0', 'true', 'On Break'].join('|'));
  return [QUEUE_COLUMNS, ...rows, '+OK', ''].join('\n');
}

/**
 * `api callcenter_config queue list members <queue>` (`SELECT * FROM members WHERE queue =
 * ...`): the columns of a current build's members table (`instance_id`; older ones: `system`).
 * Times are epoch seconds, 0 when not yet.
 */
export const MEMBER_COLUMNS = 'queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch'
  + '|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state';

export interface MemberFixture {
  queue: string;
  uuid: string;
  session: string;
  state: 'Waiting' | 'Trying' | 'Answered' | 'Abandoned';
  cidNumber?: string;
  cidName?: string;
  joined: number;
  rejoined?: number;
  bridged?: number;
  agent?: string;
}

export function memberList(members: MemberFixture[]): string {
  if (members.length === 0) return '+OK\n';
  const rows = members.map((m) => [
    m.queue, 'single_box', m.uuid, m.session, m.cidNumber ?? '', m.cidName ?? '', String(m.joined), String(m.joined),
    String(m.rejoined ?? 0), String(m.bridged ?? 0), '0', '0', '0', m.agent ?? '', m.agent ? 'single_box' : '', m.state,
  ].join('|'));
  return [MEMBER_COLUMNS, ...rows, '+OK', ''].join('\n');
}
