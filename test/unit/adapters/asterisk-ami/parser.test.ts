import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmiParser, header, headerAll, type AmiItem } from '../../../../server/adapters/asterisk-ami/parser.js';
import { amiSession } from './fixtures.js';

const parseAll = (chunks: Array<string | Uint8Array>): AmiItem[] => {
  const p = new AmiParser();
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
};

describe('AmiParser', () => {
  it('reads the banner line, which has no blank line after it', () => {
    const items = parseAll(['Asterisk Call Manager/5.0.1\r\nResponse: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n']);
    expect(items[0]).toEqual({ type: 'banner', text: 'Asterisk Call Manager/5.0.1', version: '5.0.1' });
    expect(items[1].type).toBe('message');
    if (items[1].type !== 'message') return;
    expect(header(items[1].message, 'message')).toBe('Authentication accepted');
  });

  it('accepts LF as well as CRLF line ends, and blank lines between messages', () => {
    const items = parseAll(['Event: A\nX: 1\n\n\r\n\nEvent: B\r\nX: 2\r\n\r\n']);
    expect(items.map((i) => i.type === 'message' && header(i.message, 'Event'))).toEqual(['A', 'B']);
  });

  it('keeps colons inside values and empty values', () => {
    const [item] = parseAll(['Event: Newexten\r\nAppData: Dial(SIP/1023,30,tT):x\r\nTimestamp: 1.5\r\nPausedReason:\r\nEmpty: \r\n\r\n']);
    if (item.type !== 'message') throw new Error('expected a message');
    expect(header(item.message, 'AppData')).toBe('Dial(SIP/1023,30,tT):x');
    expect(header(item.message, 'PausedReason')).toBe('');
    expect(header(item.message, 'Empty')).toBe('');
  });

  it('keeps repeated keys in order; lookups are case-insensitive and take the first', () => {
    const [item] = parseAll(['Event: VarSet\r\nChanVariable: a=1\r\nchanvariable: b=2\r\n\r\n']);
    if (item.type !== 'message') throw new Error('expected a message');
    expect(headerAll(item.message, 'ChanVariable')).toEqual(['a=1', 'b=2']);
    expect(header(item.message, 'CHANVARIABLE')).toBe('a=1');
  });

  it('reads Response: Follows output with colons and blank lines up to --END COMMAND--', () => {
    const wire = 'Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\n'
      + 'Asterisk 11.11.0 built by root on a x86_64 running Linux on 2014-08-06 19:30:37 UTC\r\n'
      + '\r\nChannel: none\r\n--END COMMAND--\r\n\r\nEvent: Next\r\n\r\n';
    const items = parseAll([wire]);
    expect(items).toHaveLength(2);
    const [follows, next] = items;
    if (follows.type !== 'message' || next.type !== 'message') throw new Error('expected messages');
    expect(header(follows.message, 'ActionID')).toBe('7');
    expect(follows.message.output).toEqual([
      'Asterisk 11.11.0 built by root on a x86_64 running Linux on 2014-08-06 19:30:37 UTC', '', 'Channel: none',
    ]);
    expect(header(next.message, 'Event')).toBe('Next');
  });

  it('takes output glued to --END COMMAND-- (older Asterisk)', () => {
    const [item] = parseAll(['Response: Follows\r\nPrivilege: Command\r\nNo such command--END COMMAND--\r\n\r\n']);
    if (item.type !== 'message') throw new Error('expected a message');
    expect(item.message.output).toEqual(['No such command']);
  });

  it('reports a line that is not Key: Value as malformed and goes on', () => {
    const items = parseAll(['Event: A\r\nthis is not a header\r\n\r\nEvent: B\r\n\r\n']);
    expect(items.map((i) => i.type)).toEqual(['malformed', 'message']);
  });

  it('reports a message cut off by the end of the stream', () => {
    const items = parseAll(['Event: A\r\n\r\nEvent: Hangup\r\nChannel: SIP/1'], );
    expect(items.map((i) => i.type)).toEqual(['message', 'malformed']);
  });

  it('joins a UTF-8 character split across chunks', () => {
    const bytes = Buffer.from('Event: X\r\nCallerIDName: Zoë Ångström\r\n\r\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two-byte ë
    const [item] = parseAll([bytes.subarray(0, cut), bytes.subarray(cut)]);
    if (item.type !== 'message') throw new Error('expected a message');
    expect(header(item.message, 'CallerIDName')).toBe('Zoë Ångström');
  });

  it('drops a runaway message and resynchronises at the next blank line', () => {
    const p = new AmiParser({ maxMessageChars: 200 });
    const long = `Event: Big\r\n${'X: 0123456789\r\n'.repeat(50)}\r\nEvent: Small\r\n\r\n`;
    const items = [...p.push(long), ...p.end()];
    expect(items.filter((i) => i.type === 'message').map((i) => i.type === 'message' && header(i.message, 'Event'))).toEqual(['Small']);
    expect(items.some((i) => i.type === 'malformed')).toBe(true);
  });

  it('gives the same items however the stream is chunked (property)', () => {
    const wire = 'Asterisk Call Manager/2.10.3\r\n'
      + amiSession('answered-caller-hangup')
      + 'Response: Follows\r\nPrivilege: Command\r\nx: y\r\n\r\n--END COMMAND--\r\n\r\n'
      + amiSession('asterisk11').replace(/\r\n/g, '\n');
    const bytes = Buffer.from(wire);
    const whole = parseAll([bytes]);
    expect(whole.filter((i) => i.type === 'malformed')).toEqual([]);
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
      (cuts) => {
        const sorted = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = sorted.slice(1).map((end, i) => bytes.subarray(sorted[i], end));
        expect(parseAll(chunks)).toEqual(whole);
      },
    ), { numRuns: 300 });
  });
});
