/**
 * Turns an ingest body (a JSON array, or NDJSON) into validated events plus one rejection
 * per bad item. Every ingest path (HTTP, socket.io `/ingest`, replay) goes through here so
 * a feed gets the same answer for the same batch whichever way it sends it.
 *
 * Bad items never fail the batch: they are reported by position and the rest go on. Only
 * a body that cannot be read as a batch at all is a `BatchError` (HTTP 400).
 */
import type { z } from 'zod';
import { floorEventSchema, type FloorEvent } from '../../shared/events.js';
import type { RejectedEvent } from '../../shared/ingest.js';

export interface ParsedBatch {
  events: FloorEvent[];
  /**
   * `texts[i]` is `events[i]` as JSON (what JSON.stringify gives), when the parser has it
   * already (batch-parser.ts) or withTexts made it: the log stores it instead of
   * serialising the event again.
   */
  texts?: string[];
  /**
   * `sources[i]` is the line `events[i]` came from (NDJSON), when the event is exactly what
   * that line reads as (nothing normalised, such as an ISO time): withTexts takes it as the
   * event's text instead of serialising the event again, which cost about as much as
   * validating it.
   */
  sources?: Array<string | undefined>;
  /** `indexes[i]` is the position in the batch of `events[i]`. */
  indexes: number[];
  /** Sorted by index. */
  errors: RejectedEvent[];
  /** Items in the batch (for NDJSON, non-empty lines). */
  total: number;
}

/** The body is not a batch at all (as opposed to a batch with bad events in it). */
export class BatchError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'BatchError';
  }
}

export const JSON_CONTENT_TYPES = ['application/json'] as const;
export const NDJSON_CONTENT_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/ndjson'] as const;

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` -> `application/json`). */
export function mediaType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/** True when the transport should hand a body of this type to `parseBatch`. */
export function isBatchContentType(contentType: string): boolean {
  const type = mediaType(contentType);
  return (JSON_CONTENT_TYPES as readonly string[]).includes(type)
    || (NDJSON_CONTENT_TYPES as readonly string[]).includes(type);
}

export function parseBatch(body: string | Buffer, contentType: string | undefined): ParsedBatch {
  let text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const start = firstNonSpace(text);
  if (start === -1) throw new BatchError('empty body: send a JSON array of events or NDJSON (one event per line)');

  const explicitNdjson = contentType !== undefined
    && (NDJSON_CONTENT_TYPES as readonly string[]).includes(mediaType(contentType));
  if (!explicitNdjson && text.charCodeAt(start) === 0x5b /* [ */) return validateBatch(parseArray(text));
  if (!explicitNdjson) {
    const single = parseSingleValue(text);
    if (single !== undefined) return validateBatch(single, [text.trim()]);
  }
  return validateLines(text);
}

// ---------------------------------------------------------------------------------------
// Decoding

function parseArray(text: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new BatchError(`body is not valid JSON: ${errorMessage(err)}`);
  }
  // Cannot happen for a body starting with `[`, but keep the contract explicit.
  if (!Array.isArray(parsed)) throw new BatchError('expected a JSON array of events');
  return parsed;
}

/**
 * A body that is one JSON value without being an array. One object on one line is an
 * NDJSON batch of one; anything else (a pretty-printed object, a number, a string) is not
 * a batch, and saying so beats reporting every line of a pretty-printed object as bad.
 * Returns undefined when the body is not a single JSON value (the NDJSON case): the parse
 * fails at the end of the first line, so this costs little on big NDJSON bodies.
 */
function parseSingleValue(text: string): unknown[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(value)) {
    throw new BatchError(
      `expected a JSON array of events or NDJSON (one event object per line), got ${describe(value)}`,
    );
  }
  if (text.trim().includes('\n')) {
    throw new BatchError(
      'the body is a single JSON object spread over several lines: send a JSON array of events, or NDJSON with one event per line',
    );
  }
  return [value];
}

/** Marks an NDJSON line that is not JSON, so validation reports it in its place. */
class UnreadableLine {
  constructor(readonly reason: string) {}
}

function validateLines(text: string): ParsedBatch {
  const items: unknown[] = [];
  const lines: string[] = [];
  let readable = 0;
  let firstError = '';
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end).trim(); // trim also drops the \r of CRLF
    pos = end + 1;
    if (line.length === 0) continue; // blank lines are not items and take no index
    try {
      items.push(JSON.parse(line));
      lines.push(line);
      readable++;
    } catch (err) {
      const reason = `not valid JSON: ${errorMessage(err)}`;
      if (!firstError) firstError = reason;
      items.push(new UnreadableLine(reason));
      lines.push(line);
    }
  }
  if (items.length === 0) throw new BatchError('empty body: send a JSON array of events or NDJSON (one event per line)');
  // Nothing readable at all: this is not NDJSON with a few bad lines, it is not a batch.
  if (readable === 0) throw new BatchError(`body is neither a JSON array nor NDJSON: line 1 is ${firstError}`);
  return validateBatch(items, lines);
}

// ---------------------------------------------------------------------------------------
// Validation

/**
 * Validates already-decoded items (the socket.io path, or a decoded JSON array).
 * `lines[i]`, when given, is the JSON text `items[i]` was parsed from.
 */
export function validateBatch(items: unknown[], lines?: readonly string[]): ParsedBatch {
  const events: FloorEvent[] = [];
  const indexes: number[] = [];
  const errors: RejectedEvent[] = [];
  const sources: Array<string | undefined> | undefined = lines === undefined ? undefined : [];
  // A plain loop: on 10,000-event batches the schema is the only per-item cost we want.
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item instanceof UnreadableLine) {
      errors.push({ index: i, field: '(event)', reason: item.reason });
      continue;
    }
    const result = floorEventSchema.safeParse(item);
    if (!result.success) {
      errors.push(rejection(i, item, result.error.issues[0]));
      continue;
    }
    const deep = tooDeep(result.data);
    if (deep !== undefined) {
      errors.push(withId({ index: i, field: deep, reason: `nested deeper than ${MAX_EVENT_DEPTH} levels` }, item));
      continue;
    }
    events.push(result.data);
    indexes.push(i);
    sources?.push(readsAs(item, result.data) ? lines![i] : undefined);
  }
  return sources === undefined
    ? { events, indexes, errors, total: items.length }
    : { events, indexes, errors, total: items.length, sources };
}

/**
 * True when the validated event holds the very values of the item it was read from, key
 * for key, so the item's JSON text reads back as the event. A schema that normalises a
 * value (an ISO time to epoch ms) makes a new value, and the event is serialised instead.
 * Keys compare as sets: their order is not part of an event's meaning.
 */
function readsAs(item: unknown, event: object): boolean {
  if (typeof item !== 'object' || item === null) return false;
  let keys = 0;
  for (const key in event) {
    if (!Object.hasOwn(item, key) || (item as Record<string, unknown>)[key] !== (event as Record<string, unknown>)[key]) return false;
    keys++;
  }
  for (const key in item) if (Object.hasOwn(item, key)) keys--;
  return keys === 0;
}

/**
 * How deep objects and arrays may nest in an event (docs/events.md): the value of a field
 * of the event is level 1. Unknown fields are kept (the contract is additive), and without
 * a bound a field nested thousands of levels deep overflowed the stack of the log write's
 * JSON.stringify, failing its whole batch every time it was sent again.
 */
export const MAX_EVENT_DEPTH = 16;

/**
 * The path of the first object or array nested deeper than MAX_EVENT_DEPTH, if any. The
 * contract's own fields are primitives, so for a usual event this is a loop over its keys
 * with a typeof each; only objects and arrays (an unknown field's value) are walked, and
 * never more than MAX_EVENT_DEPTH levels down, so the recursion cannot overflow.
 */
export function tooDeep(event: object): string | undefined {
  const path = deeperThanLimit(event, 0);
  return path === undefined ? undefined : clip(path.join('.'), 200);
}

/** `value` is at `level`; answers the keys down to the first container past the limit. */
function deeperThanLimit(value: object, level: number): Array<string | number> | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const path = childTooDeep(value[i], level);
      if (path !== undefined) {
        path.unshift(i);
        return path;
      }
    }
    return undefined;
  }
  // A Buffer or typed array (socket.io carries binary) holds numbers: nothing to walk.
  if (ArrayBuffer.isView(value)) return undefined;
  for (const key in value) {
    const path = childTooDeep((value as Record<string, unknown>)[key], level);
    if (path !== undefined) {
      path.unshift(key);
      return path;
    }
  }
  return undefined;
}

function childTooDeep(child: unknown, level: number): Array<string | number> | undefined {
  if (typeof child !== 'object' || child === null) return undefined;
  if (level + 1 > MAX_EVENT_DEPTH) return [];
  return deeperThanLimit(child, level + 1);
}

/**
 * Gives every event its JSON text, which the log stores (unless the parser gave it
 * already). An event that has none (JSON.stringify throws) is moved to the errors, named,
 * instead of failing its whole batch's write every time the batch is sent again. The log
 * would serialise each event anyway: this only does it earlier, once.
 */
export function withTexts(parsed: ParsedBatch): ParsedBatch & { texts: string[] } {
  if (parsed.texts !== undefined) return parsed as ParsedBatch & { texts: string[] };
  const { events, sources } = parsed;
  const texts = new Array<string>(events.length);
  let unserialisable: Map<number, string> | undefined;
  for (let i = 0; i < events.length; i++) {
    const source = sources?.[i];
    if (source !== undefined) {
      texts[i] = source;
      continue;
    }
    try {
      texts[i] = JSON.stringify(events[i]);
    } catch (err) {
      (unserialisable ??= new Map()).set(i, errorMessage(err));
    }
  }
  if (unserialisable === undefined) return { ...parsed, texts };
  const kept: ParsedBatch & { texts: string[] } = { events: [], texts: [], indexes: [], errors: parsed.errors.slice(), total: parsed.total };
  for (let i = 0; i < events.length; i++) {
    const reason = unserialisable.get(i);
    if (reason === undefined) {
      kept.events.push(events[i]!);
      kept.texts.push(texts[i]!);
      kept.indexes.push(parsed.indexes[i]!);
    } else {
      kept.errors.push(withId({ index: parsed.indexes[i]!, field: '(event)', reason: `cannot be stored: ${clip(reason, 200)}` }, events[i]));
    }
  }
  kept.errors.sort((a, b) => a.index - b.index);
  return kept;
}

function rejection(index: number, item: unknown, issue: z.core.$ZodIssue): RejectedEvent {
  const rejected: RejectedEvent = issue.path.length === 0
    ? { index, field: '(event)', reason: isPlainObject(item) ? issue.message : `expected an event object, got ${describe(item)}` }
    : { index, field: issue.path.join('.'), reason: issueReason(issue, item) };
  return withId(rejected, item);
}

function withId(rejected: RejectedEvent, item: unknown): RejectedEvent {
  const id = readableId(item);
  if (id !== undefined) rejected.id = id;
  return rejected;
}

function issueReason(issue: z.core.$ZodIssue, item: unknown): string {
  // A field left out: zod says "expected string, received undefined"; a sender reads "required".
  if (issue.code === 'invalid_type' && valueAt(item, issue.path) === undefined) return `required (${issue.expected})`;
  if (issue.code !== 'invalid_union') return issue.message;
  // A union left out (ts: number or string) is as required as any other field.
  if (issue.path.length > 0 && valueAt(item, issue.path) === undefined && !('discriminator' in issue)) {
    const expected = issue.errors.flatMap((b) => (b[0]?.code === 'invalid_type' ? [b[0].expected] : []));
    return `required (${expected.length > 0 ? expected.join(' or ') : 'a value'})`;
  }
  // The discriminator: zod's own message lists all fifteen types; name the bad value instead.
  if ('discriminator' in issue && issue.discriminator === 'type' && issue.path.length === 1) {
    const type = (item as { type?: unknown }).type;
    if (type === undefined) return 'missing event type';
    if (typeof type !== 'string') return `event type must be a string, got ${describe(type)}`;
    return `unknown event type "${clip(type)}"`;
  }
  // Other unions (timestamps: number or ISO string) say only "Invalid input". Prefer the
  // branch whose type matched (its message says what is wrong with the value) ...
  const branches = issue.errors;
  const given = typeof valueAt(item, issue.path);
  for (const branch of branches) {
    const first = branch[0];
    const typeMismatch = first?.code === 'invalid_type' && first.path.length === 0 && baseType(first.expected) !== given;
    if (first && !typeMismatch) return first.message;
  }
  // ... else no branch's type matched: list the types that would have.
  const expected = branches.flatMap((b) => (b[0]?.code === 'invalid_type' ? [b[0].expected] : []));
  return expected.length > 0 ? `expected ${expected.join(' or ')}` : issue.message;
}

// ---------------------------------------------------------------------------------------
// Small helpers

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return -1;
}

function valueAt(item: unknown, path: PropertyKey[]): unknown {
  let value = item;
  for (const key of path) {
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

/** zod reports a failed `.int()` as expected `int`; for "did the type match" it is a number. */
function baseType(expected: string): string {
  return expected === 'int' ? 'number' : expected;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The id, when it is one a person could use to find the event (not empty, not huge). */
function readableId(item: unknown): string | undefined {
  if (!isPlainObject(item)) return undefined;
  const id = item.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string ("${clip(value)}")`;
  return `${typeof value === 'number' ? 'a number' : `a ${typeof value}`} (${String(value)})`;
}

/** Keeps echoed input short: a reason must not carry a megabyte of someone's bad data. */
function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
