/**
 * An incremental parser for the Asterisk Manager Interface wire format.
 *
 * AMI is line based: `Key: Value` lines, each message ended by an empty line. Two things
 * break the simple rule and are handled here:
 * - the banner (`Asterisk Call Manager/5.0.1`) is a single line with no blank line after it;
 * - `Response: Follows` (Asterisk <= 13 `Action: Command`) carries free-form output lines,
 *   which may be empty or contain colons, up to a `--END COMMAND--` line.
 *
 * The parser is pure: bytes in, parsed items out. TCP delivers chunks split anywhere (even
 * inside a UTF-8 sequence or between `\r` and `\n`), so it buffers until a full line is there.
 * It never throws on input: what it cannot read comes out as a `malformed` item.
 */

export interface AmiMessage {
  /** Every header in wire order; keys as sent. Repeated keys (e.g. `ChanVariable`) are all kept. */
  headers: Array<[string, string]>;
  /** Lower-cased key -> first value, for lookups (AMI keys are case-insensitive in practice). */
  fields: Record<string, string>;
  /** Free-form lines of a `Response: Follows` message (without `--END COMMAND--`). */
  output?: string[];
}

export type AmiItem =
  | { type: 'banner'; text: string; version: string }
  | { type: 'message'; message: AmiMessage }
  | { type: 'malformed'; reason: string; lines: string[] };

export interface AmiParserOptions {
  /** A message longer than this (characters) is dropped as malformed: a runaway peer must not eat memory. */
  maxMessageChars?: number;
}

const BANNER = /^Asterisk Call Manager\/(\S+)/;
// A key is one token without spaces or colons; the value is everything after the first `:`.
const HEADER = /^([^\s:]+):(?: ?)(.*)$/;
const END_COMMAND = '--END COMMAND--';
// Headers a `Response: Follows` carries before its output starts.
const FOLLOWS_HEADERS = new Set(['response', 'privilege', 'actionid', 'message']);

/** The value of a header (case-insensitive), or undefined. */
export function header(message: AmiMessage, key: string): string | undefined {
  return message.fields[key.toLowerCase()];
}

/** Every value of a repeated header, in order. */
export function headerAll(message: AmiMessage, key: string): string[] {
  const k = key.toLowerCase();
  return message.headers.filter(([name]) => name.toLowerCase() === k).map(([, v]) => v);
}

/** Builds a message from key/value pairs (used by tests and by code that replays recordings). */
export function amiMessage(headers: Array<[string, string]>, output?: string[]): AmiMessage {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of headers) {
    const lower = k.toLowerCase();
    if (!(lower in fields)) fields[lower] = v;
  }
  return output === undefined ? { headers, fields } : { headers, fields, output };
}

/** Serialises a message the way Asterisk writes it (CRLF, blank line at the end). */
export function formatAmiMessage(headers: Array<[string, string]>): string {
  return headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}

export class AmiParser {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly maxChars: number;
  private buffer = '';
  private headers: Array<[string, string]> = [];
  private output: string[] | undefined;
  private bad: string | undefined;
  private raw: string[] = [];
  private size = 0;
  /** In a Follows body: 'headers' until the first output line, then 'output', then 'ended'. */
  private follows: 'no' | 'headers' | 'output' | 'ended' = 'no';

  constructor(options: AmiParserOptions = {}) {
    this.maxChars = options.maxMessageChars ?? 1_000_000;
  }

  /** Feeds a chunk; returns the items it completed. */
  push(chunk: Uint8Array | string): AmiItem[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const items: AmiItem[] = [];
    let start = 0;
    for (let nl = this.buffer.indexOf('\n', start); nl !== -1; nl = this.buffer.indexOf('\n', start)) {
      let line = this.buffer.slice(start, nl);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      start = nl + 1;
      this.line(line, items);
    }
    this.buffer = this.buffer.slice(start);
    // A line that never ends is as bad as a message that never ends.
    if (this.buffer.length > this.maxChars) {
      items.push({ type: 'malformed', reason: 'line too long', lines: [this.buffer.slice(0, 200)] });
      this.buffer = '';
      this.reset();
    }
    return items;
  }

  /** Ends the stream: a message cut off by a disconnect is reported, not silently lost. */
  end(): AmiItem[] {
    const items = this.push('');
    if (this.buffer.length > 0) this.line(this.buffer, items);
    this.buffer = '';
    if (this.raw.length > 0) {
      items.push({ type: 'malformed', reason: 'connection closed inside a message', lines: this.raw });
    }
    this.reset();
    return items;
  }

  private line(line: string, items: AmiItem[]): void {
    if (this.follows === 'output') {
      this.raw.push(line);
      if (line.endsWith(END_COMMAND)) {
        const rest = line.slice(0, -END_COMMAND.length);
        if (rest.length > 0) this.output!.push(rest);
        this.follows = 'ended';
      } else {
        this.output!.push(line);
      }
      this.grow(line, items);
      return;
    }
    if (line === '') {
      // Blank lines between messages are harmless; one ends a message in progress.
      if (this.raw.length > 0) this.finish(items);
      return;
    }
    if (this.raw.length === 0) {
      const banner = BANNER.exec(line);
      if (banner) {
        items.push({ type: 'banner', text: line, version: banner[1] });
        return;
      }
    }
    this.raw.push(line);
    if (this.follows === 'ended') {
      // Asterisk sends nothing between --END COMMAND-- and the blank line; anything is suspect.
      this.bad ??= 'data after --END COMMAND--';
      this.grow(line, items);
      return;
    }
    const m = HEADER.exec(line);
    const key = m?.[1];
    if (m && key !== undefined && (this.follows !== 'headers' || FOLLOWS_HEADERS.has(key.toLowerCase()))) {
      this.headers.push([key, m[2]]);
      if (key.toLowerCase() === 'response' && m[2].trim().toLowerCase() === 'follows' && this.headers.length === 1) {
        this.follows = 'headers';
        this.output = [];
      }
    } else if (this.follows === 'headers') {
      this.follows = 'output';
      this.raw.pop();
      this.line(line, items);
      return;
    } else {
      this.bad ??= `not a "Key: Value" line: ${line.slice(0, 80)}`;
    }
    this.grow(line, items);
  }

  private grow(line: string, items: AmiItem[]): void {
    this.size += line.length + 2;
    if (this.size > this.maxChars) {
      items.push({ type: 'malformed', reason: 'message too long', lines: this.raw.slice(0, 20) });
      this.reset();
      // Skip the rest of the runaway message: resynchronise on the next blank line.
      this.bad = 'rest of a message that was too long';
      this.raw = ['(truncated)'];
    }
  }

  private finish(items: AmiItem[]): void {
    if (this.bad !== undefined) {
      items.push({ type: 'malformed', reason: this.bad, lines: this.raw });
    } else if (this.follows === 'headers' || this.follows === 'output') {
      // Only --END COMMAND-- ends a Follows body; a blank line before it is output.
      this.follows = 'output';
      this.output!.push('');
      this.raw.push('');
      return;
    } else {
      items.push({ type: 'message', message: amiMessage(this.headers, this.output) });
    }
    this.reset();
  }

  private reset(): void {
    this.headers = [];
    this.output = undefined;
    this.bad = undefined;
    this.raw = [];
    this.size = 0;
    this.follows = 'no';
  }
}
