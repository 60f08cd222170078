/**
 * The bodies of the two `api` answers the adapter asks for after each (re)connect, read
 * into plain data. Pure: text in, a value or a reason out, never a throw. An answer that is
 * not exactly what FreeSWITCH sends on success is refused as a whole: the resync must
 * conclude nothing from a half-understood answer (ending calls that are still up, or
 * logging agents out, would be worse than leaving the state as it was).
 */

export type ApiReply<T> = { ok: true; value: T } | { ok: false; reason: string };

const refused = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** An answer FreeSWITCH marks as an error (`-ERR ...`, `-USAGE ...`), first line only. */
function errorLine(body: string): string | undefined {
  const text = body.trim();
  return text.startsWith('-') ? text.split('\n')[0].slice(0, 200) : undefined;
}

/**
 * `api show channels as json` (mod_commands `show_function`): `{"row_count":N,"rows":[{"uuid":...},...]}`
 * when channels exist, `{"row_count": 0}` when none. An SQL error writes `-ERR SQL Error [...]`
 * (and may still append the empty answer): refused. -> the uuids of the channels alive now.
 */
export function parseChannelList(body: string): ApiReply<Set<string>> {
  const error = errorLine(body);
  if (error !== undefined) return refused(error);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.trim());
  } catch {
    return refused('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refused('not a JSON object');
  const { row_count: count, rows } = parsed as { row_count?: unknown; rows?: unknown };
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return refused('no row_count');
  if (count === 0 && rows === undefined) return { ok: true, value: new Set() };
  if (!Array.isArray(rows) || rows.length !== count) return refused(`row_count ${count} does not match the rows`);
  const alive = new Set<string>();
  for (const row of rows) {
    const uuid = (row as { uuid?: unknown } | null)?.uuid;
    if (typeof uuid !== 'string' || uuid.trim() === '') return refused('a row without uuid');
    alive.add(uuid.trim());
  }
  return { ok: true, value: alive };
}

/** One row of the agent list: what the floor needs of it. */
export interface AgentRow {
  /** `1000@default`, as in `CC-Agent`. */
  name: string;
  /** `Available`, `Available (On Demand)`, `On Break`, `Logged Out`. */
  status: string;
}

/**
 * mod_callcenter's `list` answers: lines, the last `+OK`; an error (`-ERR ...`) is refused.
 * -> the lines before the `+OK` (none: nothing listed).
 */
function listLines(body: string): ApiReply<string[]> {
  const error = errorLine(body);
  if (error !== undefined) return refused(error);
  const lines = body.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  if (lines.length === 0 || lines[lines.length - 1].trim() !== '+OK') return refused('no +OK at the end');
  return { ok: true, value: lines.slice(0, -1) };
}

/**
 * A table from `list_result_callback`: a header row of column names joined by `|`, one row
 * per record, then `+OK`; no records: `+OK` alone. Columns are found by name, as their set
 * differs between versions (`system` or `instance_id`, `external_calls_count`); `required`
 * must all be there. One free-text column (`free`: an agent's contact, a caller's name) may
 * itself hold `|`, so the columns after it are counted from the end of the row. -> one
 * `cell(column)` reader per row.
 */
function readTable(body: string, free: string, required: readonly string[]): ApiReply<Array<(column: string) => string>> {
  const lines = listLines(body);
  if (!lines.ok) return lines;
  if (lines.value.length === 0) return { ok: true, value: [] };
  const [head, ...records] = lines.value;
  const header = head.split('|').map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) return refused(`no ${missing.join(', ')} column`);
  const freeAt = header.indexOf(free);
  const rows: Array<(column: string) => string> = [];
  for (const line of records) {
    const cells = line.split('|');
    const extra = cells.length - header.length;
    if (extra < 0 || (extra > 0 && freeAt < 0)) return refused('a row that does not match the header');
    rows.push((column) => {
      const at = header.indexOf(column);
      if (at < 0) return '';
      // The free column takes the extra cells; the columns after it shift right by as many.
      if (at === freeAt) return cells.slice(at, at + extra + 1).join('|').trim();
      return cells[freeAt >= 0 && at > freeAt ? at + extra : at].trim();
    });
  }
  return { ok: true, value: rows };
}

/**
 * `api callcenter_config agent list` (`SELECT * FROM agents`). A contact (a dial string) may
 * hold `|` (sequential failover).
 */
export function parseAgentList(body: string): ApiReply<AgentRow[]> {
  const table = readTable(body, 'contact', ['name', 'status']);
  if (!table.ok) return table;
  const agents: AgentRow[] = [];
  for (const cell of table.value) {
    const name = cell('name');
    if (name === '') return refused('a row without name');
    agents.push({ name, status: cell('status') });
  }
  return { ok: true, value: agents };
}

/**
 * `api callcenter_config queue list`: a header (`name|strategy|moh_sound|...`, written even
 * with no queues), a row per queue loaded, then `+OK`. -> the queue names (`support@default`).
 * The name is the first column in every version; the rest (a sound path, a record template)
 * is not read, so a `|` there changes nothing.
 */
export function parseQueueList(body: string): ApiReply<string[]> {
  const lines = listLines(body);
  if (!lines.ok) return lines;
  if (lines.value.length === 0) return { ok: true, value: [] };
  const [head, ...records] = lines.value;
  if (head.split('|')[0].trim().toLowerCase() !== 'name') return refused('no name column first');
  const names = records.map((line) => line.split('|')[0].trim());
  if (names.some((n) => n === '')) return refused('a row without name');
  return { ok: true, value: names };
}

/** One caller in a queue (a row of mod_callcenter's members table): what the floor needs of it. */
export interface MemberRow {
  queue: string;
  /** The member's own uuid (`CC-Member-UUID`). */
  uuid: string;
  /** The caller's channel (`CC-Member-Session-UUID`), the call's id; empty once abandoned. */
  sessionUuid: string;
  /** The caller's number as FreeSWITCH has it (`CC-Member-CID-Number`). */
  cidNumber: string;
  /** Epoch seconds (FreeSWITCH's clock): joined this queue, rejoined it (a resume), bridged to an agent; 0: not yet. */
  joinedEpoch: number;
  rejoinedEpoch: number;
  bridgeEpoch: number;
  /** The agent being offered the call (`Trying`) or talking with the caller (`Answered`), as in `CC-Agent`. */
  servingAgent: string;
  /** `Waiting`, `Trying`, `Answered`, `Abandoned`. */
  state: string;
}

/**
 * `api callcenter_config queue list members <queue>` (`SELECT * FROM members WHERE queue =
 * ...` through `list_result_callback`). The caller's name (`cid_name`) is caller-supplied
 * text and may hold `|`.
 */
export function parseMemberList(body: string): ApiReply<MemberRow[]> {
  const table = readTable(body, 'cid_name', ['queue', 'uuid', 'session_uuid', 'state']);
  if (!table.ok) return table;
  const epoch = (text: string): number => (/^\d{1,12}$/.test(text) ? Number(text) : 0);
  const members: MemberRow[] = [];
  for (const cell of table.value) {
    const uuid = cell('uuid');
    if (uuid === '') return refused('a row without uuid');
    members.push({
      queue: cell('queue'), uuid, sessionUuid: cell('session_uuid'), cidNumber: cell('cid_number'),
      joinedEpoch: epoch(cell('joined_epoch')), rejoinedEpoch: epoch(cell('rejoined_epoch')),
      bridgeEpoch: epoch(cell('bridge_epoch')), servingAgent: cell('serving_agent'), state: cell('state'),
    });
  }
  return { ok: true, value: members };
}
