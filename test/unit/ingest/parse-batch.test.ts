import { describe, expect, it } from 'vitest';
import { BatchError, MAX_EVENT_DEPTH, parseBatch, tooDeep, validateBatch, withTexts } from '../../../server/ingest/parse-batch.js';

const answered = (id: string, extra: Record<string, unknown> = {}) => ({
  id, ts: '2026-11-28T09:00:03+08:00', type: 'call.answered', callId: `call-${id}`, agentId: '1001', ...extra,
});

function batchError(run: () => unknown): BatchError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(BatchError);
    return err as BatchError;
  }
  throw new Error('expected a BatchError');
}

describe('parseBatch: JSON array', () => {
  it('validates every event and normalises ts to epoch ms', () => {
    const body = JSON.stringify([answered('e1'), answered('e2', { ts: 1_764_291_603_000 })]);
    const batch = parseBatch(body, 'application/json; charset=utf-8');
    expect(batch.total).toBe(2);
    expect(batch.errors).toEqual([]);
    expect(batch.indexes).toEqual([0, 1]);
    expect(batch.events.map((e) => e.ts)).toEqual([Date.parse('2026-11-28T09:00:03+08:00'), 1_764_291_603_000]);
  });

  it('accepts a Buffer, a BOM and leading whitespace', () => {
    const batch = parseBatch(Buffer.from(`\uFEFF \n[${JSON.stringify(answered('e1'))}]`), undefined);
    expect(batch.events).toHaveLength(1);
  });

  it('refuses an event time before 2000, saying when it looks like epoch seconds', () => {
    const batch = parseBatch(JSON.stringify([
      answered('seconds', { ts: 1_764_291_603 }), answered('early', { ts: 1000 }), answered('iso-early', { ts: '1970-01-02T00:00:00Z' }),
      answered('ok', { ts: 946_684_800_000 }),
    ]), 'application/json');
    expect(batch.events.map((e) => e.id)).toEqual(['ok']);
    expect(batch.errors).toEqual([
      { index: 0, field: 'ts', id: 'seconds', reason: '1764291603 looks like epoch seconds: send epoch milliseconds (1764291603000)' },
      { index: 1, field: 'ts', id: 'early', reason: 'before 2000-01-01: not a plausible event time (epoch milliseconds, or ISO 8601 with an offset)' },
      { index: 2, field: 'ts', id: 'iso-early', reason: 'before 2000-01-01: not a plausible event time (epoch milliseconds, or ISO 8601 with an offset)' },
    ]);
  });

  it('keeps the valid events of a mixed batch and reports each bad one exactly', () => {
    const items = [
      answered('ok-0'),
      { ...answered('bad-type'), type: 'call.teleported' },
      answered('bad-ts', { ts: 'yesterday' }),
      answered('ok-3'),
      { id: 'no-agent', ts: 1_764_291_603_000, type: 'agent.state', state: 'available' },
      42,
      answered('float-ts', { ts: 1.5 }),
      { id: 'no-type', ts: 1_764_291_603_000 },
      answered('bool-ts', { ts: true }),
    ];
    const batch = parseBatch(JSON.stringify(items), 'application/json');
    expect(batch.total).toBe(9);
    expect(batch.indexes).toEqual([0, 3]);
    expect(batch.events.map((e) => e.id)).toEqual(['ok-0', 'ok-3']);
    expect(batch.errors).toEqual([
      { index: 1, field: 'type', reason: 'unknown event type "call.teleported"', id: 'bad-type' },
      {
        index: 2, field: 'ts', id: 'bad-ts',
        reason: 'ISO 8601 with an offset (e.g. 2026-11-28T09:00:03+08:00) or epoch milliseconds',
      },
      { index: 4, field: 'agentId', reason: 'required (string)', id: 'no-agent' },
      { index: 5, field: '(event)', reason: 'expected an event object, got a number (42)' },
      { index: 6, field: 'ts', reason: 'epoch milliseconds must be a whole number', id: 'float-ts' },
      { index: 7, field: 'type', reason: 'missing event type', id: 'no-type' },
      { index: 8, field: 'ts', reason: 'expected number or string', id: 'bool-ts' },
    ]);
  });

  it('says what is wrong with a time sent as a string: quoted milliseconds, no offset', () => {
    const batch = validateBatch([
      answered('quoted-ms', { ts: '1764291603000' }),
      answered('no-offset', { ts: '2026-11-28T09:00:03' }),
      answered('space-no-offset', { ts: '2026-11-28 09:00:03' }),
      answered('with-offset', { ts: '2026-11-28T09:00:03+08:00' }),
      { id: 'no-ts', type: 'agent.login', agentId: '1001', stationId: 'S1' },
    ]);
    expect(batch.events.map((e) => e.id)).toEqual(['with-offset']);
    expect(batch.errors).toEqual([
      { index: 0, field: 'ts', id: 'quoted-ms', reason: 'epoch milliseconds in quotes: send them as a JSON number (1764291603000, not "1764291603000")' },
      { index: 1, field: 'ts', id: 'no-offset', reason: 'no UTC offset: add Z or the offset it was taken in (e.g. 2026-11-28T09:00:03+08:00)' },
      { index: 2, field: 'ts', id: 'space-no-offset', reason: 'no UTC offset: add Z or the offset it was taken in (e.g. 2026-11-28T09:00:03+08:00)' },
      // Left out altogether: required, like any field.
      { index: 4, field: 'ts', id: 'no-ts', reason: 'required (number or string)' },
    ]);
  });

  it('names nested fields with a dotted path and omits unreadable ids', () => {
    const batch = validateBatch([{ ...answered(''), callbackDue: 'soon' }, [answered('x')], null]);
    expect(batch.errors).toEqual([
      { index: 0, field: 'id', reason: 'must not be empty' },
      { index: 1, field: '(event)', reason: 'expected an event object, got an array' },
      { index: 2, field: '(event)', reason: 'expected an event object, got null' },
    ]);
  });

  it('accepts an empty array as an empty batch', () => {
    expect(parseBatch('[]', 'application/json')).toEqual({ events: [], indexes: [], errors: [], total: 0 });
  });

  it('clips an absurd type in the reason', () => {
    const [error] = validateBatch([{ ...answered('e'), type: 'x'.repeat(10_000) }]).errors;
    expect(error.reason.length).toBeLessThan(100);
  });
});

describe('parseBatch: NDJSON', () => {
  const lines = (...items: unknown[]) => items.map((i) => JSON.stringify(i)).join('\n');

  it('reads one event a line for the NDJSON content types', () => {
    for (const type of ['application/x-ndjson', 'application/jsonl']) {
      const batch = parseBatch(lines(answered('e1'), answered('e2')), type);
      expect(batch.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    }
  });

  it('sniffs NDJSON when the body does not start with [', () => {
    const batch = parseBatch(`${lines(answered('e1'), answered('e2'))}\n`, 'application/json');
    expect(batch.total).toBe(2);
    expect(parseBatch(lines(answered('e1'), answered('e2')), undefined).events).toHaveLength(2);
  });

  it('skips blank lines (and CRLF) without giving them an index', () => {
    const body = `\n${JSON.stringify(answered('e1'))}\r\n\r\n   \n${JSON.stringify(answered('e2', { ts: 'x' }))}\n\n`;
    const batch = parseBatch(body, 'application/x-ndjson');
    expect(batch.total).toBe(2);
    expect(batch.indexes).toEqual([0]);
    expect(batch.errors).toEqual([expect.objectContaining({ index: 1, field: 'ts', id: 'e2' })]);
  });

  it('reports a line that is not JSON as (event) with the JSON error, and keeps the rest', () => {
    const body = [JSON.stringify(answered('e1')), '{"id": "broken",', JSON.stringify(answered('e3'))].join('\n');
    const batch = parseBatch(body, 'application/x-ndjson');
    expect(batch.indexes).toEqual([0, 2]);
    expect(batch.errors).toHaveLength(1);
    expect(batch.errors[0]).toMatchObject({ index: 1, field: '(event)' });
    expect(batch.errors[0].reason).toMatch(/^not valid JSON: /);
    expect(batch.errors[0].id).toBeUndefined();
  });

  it('treats one object on one line as a batch of one', () => {
    expect(parseBatch(JSON.stringify(answered('solo')), 'application/json').events).toHaveLength(1);
  });

  it('reports a non-object line as (event)', () => {
    const batch = parseBatch(`${JSON.stringify(answered('e1'))}\n"hello"`, 'application/x-ndjson');
    expect(batch.errors).toEqual([{ index: 1, field: '(event)', reason: 'expected an event object, got a string ("hello")' }]);
  });
});

describe('parseBatch: not a batch', () => {
  it.each([
    ['invalid JSON array', '[{"id": 1,', 'application/json', /^body is not valid JSON: /],
    ['plain text', 'hello world', undefined, /^body is neither a JSON array nor NDJSON: line 1 is not valid JSON/],
    ['only bad NDJSON lines', 'nope\nnope', 'application/x-ndjson', /neither a JSON array nor NDJSON/],
    ['a JSON number', '42', 'application/json', /got a number \(42\)/],
    ['a JSON string', '"events"', 'application/json', /got a string/],
    ['a pretty-printed object', JSON.stringify(answered('e1'), null, 2), 'application/json', /spread over several lines/],
    ['an empty body', '', 'application/json', /^empty body/],
    ['only blank lines', '\n \r\n', 'application/x-ndjson', /^empty body/],
  ])('%s -> BatchError 400', (_name, body, type, message) => {
    const err = batchError(() => parseBatch(body, type));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });
});

describe('parseBatch: volume', () => {
  it('validates 10,000 events quickly and keeps their order', () => {
    const items = Array.from({ length: 10_000 }, (_, i) =>
      (i % 1000 === 999 ? answered(`e${i}`, { ts: 'bad' }) : answered(`e${i}`)));
    const asArray = JSON.stringify(items);
    const asLines = items.map((i) => JSON.stringify(i)).join('\n');

    const started = performance.now();
    const fromArray = parseBatch(asArray, 'application/json');
    const fromLines = parseBatch(asLines, 'application/x-ndjson');
    const elapsed = performance.now() - started;

    for (const batch of [fromArray, fromLines]) {
      expect(batch.total).toBe(10_000);
      expect(batch.events).toHaveLength(9_990);
      expect(batch.errors.map((e) => e.index)).toEqual(Array.from({ length: 10 }, (_, k) => k * 1000 + 999));
      expect(batch.indexes[998]).toBe(998);
      expect(batch.indexes[999]).toBe(1000);
    }
    // Generous for slow CI machines; a typical run takes well under a second for both.
    expect(elapsed).toBeLessThan(5_000);
  });
});

describe('validateBatch: nesting', () => {
  const nested = (levels: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { k: value } : [value];
    return value;
  };

  it(`refuses an unknown field nested deeper than ${MAX_EVENT_DEPTH} levels, naming it, and keeps the rest`, () => {
    const batch = validateBatch([answered('ok-0'), answered('deep', { extra: nested(40) }), answered('ok-2', { extra: nested(MAX_EVENT_DEPTH) })]);
    expect(batch.events.map((e) => e.id)).toEqual(['ok-0', 'ok-2']);
    expect(batch.indexes).toEqual([0, 2]);
    expect(batch.errors).toHaveLength(1);
    expect(batch.errors[0]).toMatchObject({ index: 1, id: 'deep', reason: `nested deeper than ${MAX_EVENT_DEPTH} levels` });
    // extra, then 16 more steps (k or 0) down to the 17th container.
    expect(batch.errors[0]!.field.split('.')).toHaveLength(MAX_EVENT_DEPTH + 1);
    expect(batch.errors[0]!.field).toMatch(/^extra\.0\.k\.0\.k/);
  });

  it('walks only objects and arrays, and never a binary value', () => {
    expect(tooDeep({ a: 1, b: 'x', c: null, d: [1, 2], e: Buffer.alloc(1024) })).toBeUndefined();
    expect(tooDeep({ a: nested(MAX_EVENT_DEPTH + 1) })).toBeDefined();
  });

  it('the same over NDJSON, however deep', () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const body = [JSON.stringify(answered('ok-0')), `${JSON.stringify(answered('deep')).slice(0, -1)},"x":${deep}}`].join('\n');
    const batch = parseBatch(body, 'application/x-ndjson');
    expect(batch.events.map((e) => e.id)).toEqual(['ok-0']);
    expect(batch.errors[0]).toMatchObject({ index: 1, id: 'deep', field: `x${'.a'.repeat(MAX_EVENT_DEPTH)}` });
  });
});

describe('withTexts', () => {
  it("gives each event its JSON, and moves one that has none to the errors in its batch's place", () => {
    const parsed = validateBatch([answered('e0'), { id: 'bad' }, answered('e2', { big: 1n }), answered('e3')]);
    expect(parsed.events).toHaveLength(3);
    const texted = withTexts(parsed);
    expect(texted.events.map((e) => e.id)).toEqual(['e0', 'e3']);
    expect(texted.indexes).toEqual([0, 3]);
    expect(texted.texts.map((t) => JSON.parse(t) as unknown)).toEqual(texted.events);
    expect(texted.errors.map((e) => [e.index, e.field, e.id])).toEqual([[1, 'type', 'bad'], [2, '(event)', 'e2']]);
    expect(texted.errors[1]!.reason).toMatch(/^cannot be stored: .*BigInt/);
  });
});

describe('withTexts over NDJSON', () => {
  const asSent = (id: string, extra: Record<string, unknown> = {}) => ({ ...answered(id, extra), ts: 1_795_996_800_067 });

  it('keeps a line as the event’s text when the event is what the line reads as', () => {
    // Key order and spacing as a feed might send them: the text kept is the feed's own.
    const line = ' { "agentId": "1001", "type": "call.answered", "callId": "c-1", "ts": 1795996800067, "id": "as-sent", "extra": {"k": [1, 2]} }';
    const body = [line, JSON.stringify(asSent('plain')), '', 'not json', JSON.stringify(answered('iso'))].join('\n');
    const texted = withTexts(parseBatch(body, 'application/x-ndjson'));
    expect(texted.events.map((e) => e.id)).toEqual(['as-sent', 'plain', 'iso']);
    expect(texted.texts[0]).toBe(line.trim());
    expect(texted.texts[1]).toBe(JSON.stringify(asSent('plain')));
    // The ISO time was normalised to epoch ms: that event is serialised, not its line.
    expect(texted.texts[2]).toBe(JSON.stringify(texted.events[2]));
    expect(texted.texts[2]).toContain(`"ts":${Date.parse('2026-11-28T09:00:03+08:00')}`);
    expect(texted.texts.map((t) => JSON.parse(t) as unknown)).toEqual(texted.events);
  });

  it('keeps the text of a single-object body, and serialises items of a JSON array', () => {
    const one = JSON.stringify(asSent('one'));
    expect(withTexts(parseBatch(`${one}\n`, 'application/json')).texts).toEqual([one]);
    const array = parseBatch(`[ ${JSON.stringify(asSent('a'))} ]`, 'application/json');
    expect(array.sources).toBeUndefined();
    expect(withTexts(array).texts).toEqual([JSON.stringify(array.events[0])]);
  });

  it('serialises an event that lost a key the line had', () => {
    // JSON.parse makes "__proto__" an own key; the validated event cannot keep it as one.
    const line = `{"__proto__":{"x":1},${JSON.stringify(asSent('proto')).slice(1)}`;
    const texted = withTexts(parseBatch(line, 'application/x-ndjson'));
    expect(texted.events.map((e) => e.id)).toEqual(['proto']);
    expect(texted.texts[0]).toBe(JSON.stringify(texted.events[0]));
  });
});
