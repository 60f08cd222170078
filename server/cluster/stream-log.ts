/**
 * The floor's input stream (a Redis Stream): any process appends what it accepted, and
 * only then acknowledges the sender; the owner reads it in order and makes each entry
 * durable in the event log. One entry is one input: an event batch (with one acceptance
 * time, so the owner applies it together, as a single process would), a command, a rules
 * or a plan change. The entry id's millisecond part is Redis's clock at the append:
 * strictly ordered, the same for every process.
 *
 * Event ids are deduplicated at the append for a window (a key per id with a time to
 * live, set in the same script as the XADD): a feed's resend is answered "duplicate" as a
 * single process would answer it. After the window a resend is appended again; the owner's
 * log still skips it (its ts and id are there), so it is never applied twice, only
 * counted as accepted.
 */
import type { FloorEvent } from '../../shared/events.js';
import { BusyError, DEFAULT_MAX_PENDING_EVENTS } from '../ingest/ingest-service.js';
import type { LogPayload } from '../storage/types.js';
import type { FloorKeys } from './keys.js';
import { runScript, type RedisClient } from './redis.js';

export type InputKind = 'events' | LogPayload['kind'];

/** A stream entry as the owner reads it. */
export interface StreamEntry {
  /** The stream id, "<ms>-<n>". */
  streamId: string;
  /** When Redis took it (the id's ms part). */
  acceptedAt: number;
  kind: InputKind;
  /** Commands, rules and plan changes: the log id (unique per request). */
  id?: string;
  /** Events: how many the batch holds. */
  events?: number;
  /** Events: the batch; otherwise the command, the rules or the plan change. */
  payload: unknown;
  /** The process waiting for the answer (its reply list). */
  replyTo?: string;
}

// KEYS: stream, pending count, then one "seen" key per event. ARGV: window ms, the most
// events that may wait, then each event's JSON. Refused whole (nothing marked seen) when
// too many wait already; else only the events not seen within the window go into the
// entry. Answers the entry id ('' when none was new), the positions (1-based) of the
// duplicates, and the number waiting when refused (-1 when taken).
const APPEND_EVENTS = `
local pending = tonumber(redis.call('GET', KEYS[2]) or '0')
if pending > 0 and pending + #KEYS - 2 > tonumber(ARGV[2]) then return {'', {}, pending} end
local fresh = {}
local dup = {}
for i = 3, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'PX', ARGV[1]) then
    fresh[#fresh + 1] = ARGV[i]
  else
    dup[#dup + 1] = i - 2
  end
end
local id = ''
if #fresh > 0 then
  id = redis.call('XADD', KEYS[1], '*', 'k', 'events', 'n', #fresh, 'd', '[' .. table.concat(fresh, ',') .. ']')
  redis.call('INCRBY', KEYS[2], #fresh)
end
return {id, dup, -1}`;

// KEYS: lease, cursor, stream, pending count. ARGV: the lease value, the stream id now
// durable in the log, the events of the entries it passes. Only the lease's holder moves
// the cursor; entries up to it are in the log and may go, and wait no longer. (The count
// moves with the cursor, in one step: entries read again after a crash were not counted off.)
const ADVANCE_CURSOR = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('XTRIM', KEYS[3], 'MINID', ARGV[2])
if redis.call('DECRBY', KEYS[4], ARGV[3]) < 0 then redis.call('SET', KEYS[4], 0) end
return 1`;

export interface InputStreamOptions {
  /** How long an event id is remembered at the append (default 2 minutes). */
  dedupWindowMs?: number;
  /** Events that may wait for the owner before a batch is refused (default 20,000, as for one process). */
  maxPendingEvents?: number;
}

export class InputStream {
  private readonly dedupWindowMs: number;
  readonly maxPendingEvents: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<FloorKeys, 'inputs' | 'cursor' | 'lease' | 'seen' | 'pending'>,
    options: InputStreamOptions = {},
  ) {
    this.dedupWindowMs = options.dedupWindowMs ?? 120_000;
    this.maxPendingEvents = options.maxPendingEvents ?? DEFAULT_MAX_PENDING_EVENTS;
  }

  /**
   * Appends the batch's new events as one entry; answers the positions (0-based) of the
   * duplicates. `texts`: each event's JSON when the parser made it already (batch-parser.ts),
   * stored as is. Throws BusyError, taking nothing, while too many events wait for the owner
   * (it is slow, or there is none): latency stays bounded, and so does Redis's memory.
   */
  async appendEvents(events: FloorEvent[], texts?: readonly string[]): Promise<{ streamId?: string; duplicates: number[] }> {
    if (events.length === 0) return { duplicates: [] };
    if (texts !== undefined && texts.length !== events.length) {
      throw new Error(`appendEvents: ${texts.length} texts for ${events.length} events`);
    }
    const [streamId, dup, waiting] = await runScript<[string, number[], number]>(
      this.redis, APPEND_EVENTS, [this.keys.inputs, this.keys.pending, ...events.map((e) => this.keys.seen(e.id))],
      [this.dedupWindowMs, this.maxPendingEvents, ...(texts ?? events.map((e) => JSON.stringify(e)))]);
    if (Number(waiting) >= 0) {
      // As the script decides: taken when nothing waits, or when the batch fits beside what does.
      const fits = async (): Promise<boolean> => {
        const now = await this.pending();
        return now === 0 || now + events.length <= this.maxPendingEvents;
      };
      throw new BusyError(Number(waiting), this.maxPendingEvents, fits);
    }
    const duplicates = dup.map((position) => Number(position) - 1);
    return streamId === '' ? { duplicates } : { streamId, duplicates };
  }

  /** Events accepted and not yet in the log. */
  async pending(): Promise<number> {
    return Number((await this.redis.sendCommand(['GET', this.keys.pending])) ?? 0);
  }

  /** Appends a command, a rules or a plan change; `replyTo` is the process waiting for its answer. */
  appendInput(kind: Exclude<InputKind, 'events' | 'event'>, id: string, payload: unknown, replyTo: string): Promise<string> {
    return this.redis.sendCommand(['XADD', this.keys.inputs, '*', 'k', kind, 'i', id, 'r', replyTo, 'd', JSON.stringify(payload)]) as Promise<string>;
  }

  /**
   * Entries after `afterId`, oldest first, at most `count`, waiting up to `blockMs` for
   * the first. `reader` must be a connection of its own (the read blocks it).
   */
  async read(reader: RedisClient, afterId: string, count: number, blockMs: number): Promise<StreamEntry[]> {
    const reply = (await reader.sendCommand(['XREAD', 'COUNT', String(count), 'BLOCK', String(blockMs), 'STREAMS', this.keys.inputs, afterId])) as
      | Array<[string, Array<[string, string[]]>]>
      | null;
    if (reply === null || reply.length === 0) return [];
    return reply[0][1].map(([streamId, fields]) => parseEntry(streamId, fields));
  }

  /** Entries after `afterId` without waiting (tests, and the owner catching up). */
  async range(afterId: string, count: number): Promise<StreamEntry[]> {
    const reply = (await this.redis.sendCommand(['XRANGE', this.keys.inputs, `(${afterId}`, '+', 'COUNT', String(count)])) as Array<[string, string[]]>;
    return reply.map(([streamId, fields]) => parseEntry(streamId, fields));
  }

  /** The last entry the owner made durable, or null (nothing consumed yet, or Redis lost its data). */
  cursor(): Promise<string | null> {
    return this.redis.sendCommand(['GET', this.keys.cursor]) as Promise<string | null>;
  }

  /**
   * Moves the cursor (trimming what is behind it, counting off `events` no longer
   * waiting) while `leaseValue` holds the lease; false otherwise.
   */
  async advanceCursor(leaseValue: string, streamId: string, events = 0): Promise<boolean> {
    return Number(await runScript(this.redis, ADVANCE_CURSOR, [this.keys.lease, this.keys.cursor, this.keys.inputs, this.keys.pending], [leaseValue, streamId, events])) === 1;
  }

  /** Entries waiting in the stream (after the cursor's trim: roughly those not yet consumed). */
  async length(): Promise<number> {
    return Number(await this.redis.sendCommand(['XLEN', this.keys.inputs]));
  }
}

/** A stream entry's fields; an entry that is not one of ours comes back with kind 'unknown' payload null. */
function parseEntry(streamId: string, fields: string[]): StreamEntry {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  const entry: StreamEntry = {
    streamId,
    acceptedAt: Number(streamId.slice(0, streamId.indexOf('-'))),
    kind: (map.get('k') ?? 'unknown') as InputKind,
    payload: null,
  };
  const data = map.get('d');
  if (data !== undefined) {
    try {
      entry.payload = JSON.parse(data);
    } catch {
      entry.payload = null; // the owner skips it, saying so
    }
  }
  const events = map.get('n');
  if (events !== undefined) entry.events = Number(events);
  const id = map.get('i');
  if (id !== undefined) entry.id = id;
  const replyTo = map.get('r');
  if (replyTo !== undefined) entry.replyTo = replyTo;
  return entry;
}
