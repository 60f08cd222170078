/**
 * An incremental parser for the FreeSWITCH event socket (ESL) wire format.
 *
 * Every message is a block of `Key: Value` lines ended by an empty line (LF; CRLF is
 * tolerated). If the block has a `Content-Length`, exactly that many **bytes** follow as the
 * body: for `text/event-plain` the body is the event itself, another block of `Key: Value`
 * lines whose values are URL-encoded (see `parseEventPlain`).
 *
 * The parser is pure: bytes in, items out. TCP delivers chunks split anywhere (inside a
 * UTF-8 sequence, inside the body), so it works on bytes and decodes whole lines and
 * bodies only. It never throws on input: what it cannot read comes out as `malformed`.
 */

export interface EslMessage {
  /** Envelope headers in wire order (`Content-Type`, `Content-Length`, `Reply-Text` ...). */
  headers: Array<[string, string]>;
  /** Lower-cased key -> first value. */
  fields: Record<string, string>;
  /** The `Content-Length` bytes after the envelope, decoded as UTF-8. */
  body?: string;
}

export type EslItem =
  | { type: 'message'; message: EslMessage }
  /** `contentType`: of a message skipped for its size, so an awaited api answer is known lost. */
  | { type: 'malformed'; reason: string; contentType?: string };

export interface EslParserOptions {
  /** An envelope line longer than this (bytes) is dropped as malformed. Default 64 KiB. */
  maxLineBytes?: number;
  /** A body longer than this (bytes) is skipped as malformed. Default 4 MiB. */
  maxBodyBytes?: number;
}

const LF = 0x0a;
const HEADER = /^([^\s:]+):\s?(.*)$/;

export class EslParser {
  private buf: Buffer = Buffer.alloc(0);
  private headers: Array<[string, string]> = [];
  private broken: string | undefined;
  /** Bytes of body still to read (-1: reading the envelope). */
  private bodyLeft = -1;
  /** The body being read is too large: its bytes are dropped, not kept. */
  private skipping = false;
  /** Dropping an over-long line up to its end. */
  private discardLine = false;
  private readonly maxLine: number;
  private readonly maxBody: number;

  constructor(options: EslParserOptions = {}) {
    this.maxLine = options.maxLineBytes ?? 64 * 1024;
    this.maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  }

  push(chunk: string | Uint8Array): EslItem[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    this.buf = this.buf.length === 0 ? bytes : Buffer.concat([this.buf, bytes]);
    const out: EslItem[] = [];
    for (;;) {
      if (this.bodyLeft >= 0) {
        if (!this.readBody(out)) break;
        continue;
      }
      const nl = this.buf.indexOf(LF);
      if (nl < 0) {
        if (this.buf.length > this.maxLine) {
          if (!this.discardLine) out.push({ type: 'malformed', reason: `a line longer than ${this.maxLine} bytes` });
          this.discardLine = true;
          this.headers = [];
          this.broken = undefined;
          this.buf = Buffer.alloc(0);
        }
        break;
      }
      const raw = this.buf.subarray(0, nl);
      this.buf = this.buf.subarray(nl + 1);
      if (this.discardLine) {
        this.discardLine = false;
        continue;
      }
      const line = raw.toString('utf8').replace(/\r$/, '');
      this.onLine(line, out);
    }
    return out;
  }

  /** The stream ended: a message cut off in the middle is reported. */
  end(): EslItem[] {
    const cut = this.bodyLeft >= 0 || this.headers.length > 0 || this.broken !== undefined
      || (this.buf.length > 0 && this.buf.toString('utf8').trim() !== '');
    this.reset();
    this.buf = Buffer.alloc(0);
    this.discardLine = false;
    return cut ? [{ type: 'malformed', reason: 'the stream ended inside a message' }] : [];
  }

  private onLine(line: string, out: EslItem[]): void {
    if (line.trim() === '') {
      if (this.headers.length === 0 && this.broken === undefined) return; // blank lines between messages
      this.endEnvelope(out);
      return;
    }
    const m = HEADER.exec(line);
    if (!m) {
      this.broken ??= `not a header line: ${JSON.stringify(line.slice(0, 80))}`;
      return;
    }
    this.headers.push([m[1], m[2]]);
  }

  private endEnvelope(out: EslItem[]): void {
    const lengthHeader = this.headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1];
    if (lengthHeader === undefined) {
      this.emit(out, undefined);
      return;
    }
    if (!/^\d+$/.test(lengthHeader.trim())) {
      // No way to know where the body ends: report it; the parser resynchronises on the next blank line.
      out.push({ type: 'malformed', reason: `bad Content-Length ${JSON.stringify(lengthHeader.slice(0, 20))}` });
      this.reset();
      return;
    }
    const length = Number(lengthHeader.trim());
    this.bodyLeft = length;
    this.skipping = length > this.maxBody;
    if (this.skipping) {
      const contentType = this.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1].trim();
      out.push({ type: 'malformed', reason: `a body of ${length} bytes (more than ${this.maxBody})`, ...(contentType && { contentType }) });
      this.broken = undefined;
      this.headers = [];
    }
  }

  /** Returns false when more bytes are needed. */
  private readBody(out: EslItem[]): boolean {
    if (this.skipping) {
      const n = Math.min(this.bodyLeft, this.buf.length);
      this.buf = this.buf.subarray(n);
      this.bodyLeft -= n;
      if (this.bodyLeft > 0) return false;
      this.reset();
      return true;
    }
    if (this.buf.length < this.bodyLeft) return false;
    const body = this.buf.subarray(0, this.bodyLeft).toString('utf8');
    this.buf = this.buf.subarray(this.bodyLeft);
    this.emit(out, body);
    return true;
  }

  private emit(out: EslItem[], body: string | undefined): void {
    if (this.broken !== undefined) {
      out.push({ type: 'malformed', reason: this.broken });
    } else {
      const fields: Record<string, string> = {};
      for (const [k, v] of this.headers) fields[k.toLowerCase()] ??= v;
      out.push({ type: 'message', message: { headers: this.headers, fields, ...(body !== undefined && { body }) } });
    }
    this.reset();
  }

  private reset(): void {
    this.headers = [];
    this.broken = undefined;
    this.bodyLeft = -1;
    this.skipping = false;
  }
}

/** An envelope header, case-insensitive. */
export function eslHeader(message: EslMessage, key: string): string | undefined {
  return message.fields[key.toLowerCase()];
}

/** One FreeSWITCH event: its headers with values URL-decoded, plus its own body if it had one. */
export interface FsEvent {
  headers: Array<[string, string]>;
  /** Lower-cased key -> first value. */
  fields: Record<string, string>;
  body?: string;
}

function urlDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray `%`: keep the text rather than lose the event.
    return value;
  }
}

/**
 * The body of a `text/event-plain` message -> an event. Headers end at the first blank line;
 * an event with its own `Content-Length` (e.g. a MESSAGE) carries that body after it.
 * Returns a reason string when the body is not an event.
 */
export function parseEventPlain(body: string): FsEvent | string {
  const headers: Array<[string, string]> = [];
  const lines = body.split('\n');
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '') {
      if (headers.length === 0) continue;
      break;
    }
    const m = HEADER.exec(line);
    if (!m) return `not an event header: ${JSON.stringify(line.slice(0, 80))}`;
    headers.push([m[1], urlDecode(m[2])]);
  }
  if (headers.length === 0) return 'an empty event';
  const fields: Record<string, string> = {};
  for (const [k, v] of headers) fields[k.toLowerCase()] ??= v;
  const rest = lines.slice(i + 1).join('\n');
  return { headers, fields, ...(fields['content-length'] !== undefined && rest !== '' && { body: rest }) };
}

/** An event header, case-insensitive; empty means absent. */
export function fsHeader(event: FsEvent, key: string): string | undefined {
  const v = event.fields[key.toLowerCase()]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** A command as ESL wants it: the line, then an empty line. */
export function formatEslCommand(command: string): string {
  return `${command}\n\n`;
}
