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
 * `api callcenter_config agent list` (mod_callcenter `list_result_callback` over `SELECT * FROM
 * agents`): a header row of column names joined by `|`, one row per agent, then `+OK`. No
 * agents: `+OK` alone. Columns are found by name, as their set differs between versions
 * (`system`, `external_calls_count`). A contact (a dial string) may itself hold `|`
 * (sequential failover), so columns after `contact` are counted from the end of the row.
 */
export function parseAgentList(body: string): ApiReply<AgentRow[]> {
  const error = errorLine(body);
  if (error !== undefined) return refused(error);
  const lines = body.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  if (lines.length === 0 || lines[lines.length - 1].trim() !== '+OK') return refused('no +OK at the end');
  const table = lines.slice(0, -1);
  if (table.length === 0) return { ok: true, value: [] };
  const header = table[0].split('|').map((h) => h.trim().toLowerCase());
  const nameAt = header.indexOf('name');
  const statusAt = header.indexOf('status');
  const contactAt = header.indexOf('contact');
  if (nameAt < 0 || statusAt < 0) return refused('no name or status column');
  const agents: AgentRow[] = [];
  for (const line of table.slice(1)) {
    const cells = line.split('|');
    const extra = cells.length - header.length;
    if (extra < 0 || (extra > 0 && contactAt < 0)) return refused('a row that does not match the header');
    // Columns after the contact shift right by the `|` the contact held.
    const cell = (at: number) => cells[contactAt >= 0 && at > contactAt ? at + extra : at]?.trim() ?? '';
    const name = cell(nameAt);
    const status = cell(statusAt);
    if (name === '') return refused('a row without name');
    agents.push({ name, status });
  }
  return { ok: true, value: agents };
}
