import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EslParser, eslHeader, fsHeader, parseEventPlain, type EslItem } from '../../../../server/adapters/freeswitch/parser.js';
import { parseEslUrl } from '../../../../server/adapters/freeswitch/url.js';
import { eslEvent, eslSession } from './fixtures.js';

const parseAll = (chunks: Array<string | Uint8Array>, parser = new EslParser()): EslItem[] =>
  [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];

// Verbatim shape of what mod_event_socket writes for `event plain` (values URL-encoded).
const WIRE_EVENT = 'Content-Length: 186\nContent-Type: text/event-plain\n\n'
  + 'Event-Name: CUSTOM\nEvent-Date-Timestamp: 1764291605100200\nEvent-Subclass: callcenter%3A%3Ainfo\n'
  + 'CC-Queue: support%40default\nCC-Action: member-queue-start\nCC-Member-CID-Name: J.%20Jansen\n\n';

describe('EslParser', () => {
  it('reads envelopes without a body (auth/request, command/reply)', () => {
    const items = parseAll(['Content-Type: auth/request\n\nContent-Type: command/reply\nReply-Text: +OK accepted\n\n']);
    expect(items.map((i) => i.type === 'message' && eslHeader(i.message, 'content-type'))).toEqual(['auth/request', 'command/reply']);
    if (items[1].type !== 'message') throw new Error('expected a message');
    expect(eslHeader(items[1].message, 'Reply-Text')).toBe('+OK accepted');
    expect(items[1].message.body).toBeUndefined();
  });

  it('reads a text/event-plain body of Content-Length bytes and URL-decodes its values', () => {
    expect(Buffer.byteLength(WIRE_EVENT.slice(WIRE_EVENT.indexOf('\n\n') + 2))).toBe(186);
    const [item] = parseAll([WIRE_EVENT]);
    if (item.type !== 'message') throw new Error('expected a message');
    const event = parseEventPlain(item.message.body ?? '');
    if (typeof event === 'string') throw new Error(event);
    expect(fsHeader(event, 'Event-Subclass')).toBe('callcenter::info');
    expect(fsHeader(event, 'cc-queue')).toBe('support@default');
    expect(fsHeader(event, 'CC-Member-CID-Name')).toBe('J. Jansen');
  });

  it('counts Content-Length in bytes, not characters', () => {
    const wire = eslEvent([['Event-Name', 'CUSTOM'], ['CC-Member-CID-Name', 'Zoë Ångström']]) + 'Content-Type: auth/request\n\n';
    const items = parseAll([wire]);
    expect(items.map((i) => i.type)).toEqual(['message', 'message']);
    if (items[0].type !== 'message') throw new Error('expected a message');
    const e = parseEventPlain(items[0].message.body ?? '');
    expect(typeof e !== 'string' && fsHeader(e, 'CC-Member-CID-Name')).toBe('Zoë Ångström');
  });

  it('keeps an event body of its own after the event headers', () => {
    const e = parseEventPlain('Event-Name: MESSAGE\nContent-Length: 5\n\nhello');
    expect(typeof e !== 'string' && e.body).toBe('hello');
  });

  it('keeps a stray % as text rather than losing the event', () => {
    const e = parseEventPlain('Event-Name: CUSTOM\nCC-Member-CID-Name: 100%\n\n');
    expect(typeof e !== 'string' && fsHeader(e, 'CC-Member-CID-Name')).toBe('100%');
  });

  it('reports a bad envelope line, a bad Content-Length and a cut-off stream as malformed, and goes on', () => {
    const items = parseAll(['nonsense line\n\nContent-Length: x\n\nContent-Type: auth/request\n\nContent-Length: 50\nContent-Type: text/event-plain\n\nEvent-Na']);
    expect(items.map((i) => i.type)).toEqual(['malformed', 'malformed', 'message', 'malformed']);
    expect(typeof parseEventPlain('no colon here\n\n')).toBe('string');
    expect(typeof parseEventPlain('\n\n')).toBe('string');
  });

  it('skips an oversized body and an over-long line, then resynchronises', () => {
    const p = new EslParser({ maxBodyBytes: 10, maxLineBytes: 100 });
    const items = parseAll([
      'Content-Length: 20\nContent-Type: text/event-plain\n\n', '0123456789', '0123456789',
      'X'.repeat(150), 'Y'.repeat(150), '\n\nContent-Type: auth/request\n\n',
    ], p);
    expect(items.map((i) => i.type)).toEqual(['malformed', 'malformed', 'message']);
  });

  it('names the content type of a message skipped for its size (an api answer the adapter awaits)', () => {
    const p = new EslParser({ maxBodyBytes: 10 });
    const [item] = parseAll(['Content-Type: api/response\nContent-Length: 20\n\n01234567890123456789'], p);
    expect(item).toMatchObject({ type: 'malformed', contentType: 'api/response' });
  });

  it('gives the same items however the stream is chunked (property)', () => {
    const bytes = Buffer.from('Content-Type: auth/request\n\nContent-Type: command/reply\nReply-Text: +OK accepted\n\n'
      + eslSession('answered') + eslEvent([['Event-Name', 'CUSTOM'], ['CC-Member-CID-Name', 'Zoë']]).replace(/\n/g, '\n')
      + eslSession('hold'));
    const whole = parseAll([bytes]);
    expect(whole.filter((i) => i.type === 'malformed')).toEqual([]);
    expect(whole.length).toBe(2 + 8 + 1 + 8);
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
      (cuts) => {
        const sorted = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = sorted.slice(1).map((end, i) => bytes.subarray(sorted[i], end));
        expect(parseAll(chunks)).toEqual(whole);
      },
    ), { numRuns: 300 });
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }), (chunks) => {
      const items = parseAll(chunks);
      for (const i of items) if (i.type === 'message' && i.message.body !== undefined) parseEventPlain(i.message.body);
    }), { numRuns: 300 });
  });
});

describe('parseEslUrl', () => {
  it('reads host, port and password; shows only host:port', () => {
    expect(parseEslUrl('freeswitch-esl://:Clue%3ACon@fs1.example:8022')).toEqual(
      { host: 'fs1.example', port: 8022, password: 'Clue:Con', display: 'fs1.example:8022' });
    expect(parseEslUrl('freeswitch-esl://:x@10.0.0.1').port).toBe(8021);
  });

  it('rejects bad urls without echoing the password', () => {
    for (const url of ['freeswitch-esl://10.0.0.1:8021', 'http://:s3cret@h', 'not a url s3cret', 'freeswitch-esl://:s3%0Acret@h']) {
      expect(() => parseEslUrl(url)).toThrow(/freeswitch-esl/);
      try { parseEslUrl(url); } catch (err) { expect((err as Error).message).not.toContain('s3'); }
    }
  });
});
