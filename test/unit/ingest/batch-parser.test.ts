/**
 * Ingest bodies parsed on a thread of their own (server/ingest/batch-parser.ts): the sender
 * gets exactly what parseBatch says inline, whichever thread ran it, plus each event's JSON
 * for the log; small bodies stay inline; a thread that fails loses no batch.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_THREAD_FAILURES, startThreadParser, type BatchParser } from '../../../server/ingest/batch-parser.js';
import { createIngestService } from '../../../server/ingest/ingest-service.js';
import { BatchError, parseBatch } from '../../../server/ingest/parse-batch.js';
import type { FloorEvent } from '../../../shared/events.js';
import { FakeFloor } from '../../integration/fake-floor.js';

const answered = (i: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: `e-${i}`, ts: 1_795_000_000_000 + i, type: 'call.answered', callId: `call-${i}`, agentId: '1001', ...extra,
});

/** Well over the inline bound: 2,000 lines, a few of them bad, some with ISO timestamps (normalised). */
function bigBody(): string {
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) {
    if (i === 7) lines.push('{"id": "broken",');
    else if (i === 300) lines.push(JSON.stringify({ ...answered(i), type: 'call.teleported' }));
    else if (i === 1999) lines.push(JSON.stringify(answered(i, { agentId: '' })));
    else lines.push(JSON.stringify(answered(i, i % 3 === 0 ? { ts: '2026-11-28T09:00:03+08:00', note: 'kept: the contract is additive' } : {})));
  }
  return lines.join('\n');
}

const parsers: BatchParser[] = [];
function parser(options: Parameters<typeof startThreadParser>[0] = {}): BatchParser {
  const p = startThreadParser(options);
  parsers.push(p);
  return p;
}
afterEach(async () => {
  for (const p of parsers.splice(0)) await p.close();
});

describe('the thread parser', () => {
  it('answers a big body as parseBatch does inline, with each valid event as JSON', async () => {
    const body = Buffer.from(bigBody());
    const inline = parseBatch(body, 'application/x-ndjson');
    const threaded = await parser().parse(body, 'application/x-ndjson');
    expect(threaded.texts).toHaveLength(inline.events.length);
    expect(threaded.events).toEqual(inline.events);
    expect(threaded.indexes).toEqual(inline.indexes);
    expect(threaded.errors).toEqual(inline.errors);
    expect(threaded.errors.map((e) => e.index)).toEqual([7, 300, 1999]);
    expect(threaded.total).toBe(2000);
    threaded.texts!.forEach((text, i) => expect(text).toBe(JSON.stringify(inline.events[i])));
  });

  it('says a body is not a batch with the same BatchError', async () => {
    const body = Buffer.from('x'.repeat(100_000));
    const inline = (() => {
      try {
        parseBatch(body, undefined);
      } catch (err) {
        return err as Error;
      }
      throw new Error('expected a BatchError');
    })();
    const threaded = await parser().parse(body, undefined).then(() => undefined, (err: unknown) => err);
    expect(threaded).toBeInstanceOf(BatchError);
    expect((threaded as Error).message).toBe(inline.message);
  });

  it('parses a small body inline: a round trip would only delay an urgent event', async () => {
    let started = 0;
    const p = parser({ startParseThread: () => { started++; return new Worker('', { eval: true }); } });
    const small = await p.parse(Buffer.from(JSON.stringify(answered(1))), 'application/x-ndjson');
    expect(small.events).toHaveLength(1);
    expect(small.texts).toBeUndefined();
    expect(started).toBe(0);
  });

  it('parses inline the batches of a thread that fails, and stops starting it after a few failures', async () => {
    let started = 0;
    const failures: string[] = [];
    const p = parser({
      startParseThread: () => { started++; return new Worker('process.exit(3)', { eval: true }); },
      onThreadFailure: (message) => failures.push(message),
    });
    const body = Buffer.from(bigBody());
    const expected = parseBatch(body, undefined);
    for (let i = 0; i < MAX_THREAD_FAILURES + 2; i++) {
      const got = await p.parse(body, undefined);
      expect(got.events).toEqual(expected.events);
      expect(got.errors).toEqual(expected.errors);
    }
    expect(started).toBe(MAX_THREAD_FAILURES);
    expect(failures).toHaveLength(MAX_THREAD_FAILURES);
    expect(failures[0]).toBe('ingest parse thread exited (code 3)');
    expect(failures.at(-1)).toMatch(/parsing inline from now on$/);
  });

  it('parses inline a batch still waiting when the parser closes', async () => {
    const p = parser();
    const body = Buffer.from(bigBody());
    const pending = p.parse(body, undefined);
    await p.close();
    expect((await pending).events).toEqual(parseBatch(body, undefined).events);
  });

  it('hands the texts to the floor with the events', async () => {
    const floor = new FakeFloor();
    const seen: (readonly string[] | undefined)[] = [];
    const ingest = floor.ingest.bind(floor);
    floor.ingest = (events: FloorEvent[], texts?: readonly string[]) => {
      seen.push(texts);
      return ingest(events);
    };
    const service = createIngestService(floor, undefined, { parser: parser() });
    const result = await service.ingestBatch(Buffer.from(bigBody()), 'application/x-ndjson');
    expect(result.accepted).toBe(1997);
    expect(result.errors.map((e) => e.index)).toEqual([7, 300, 1999]);
    expect(seen[0]).toHaveLength(1997);
  });
});
