/**
 * Reading a wallboard frame without decoding it. A delta under load carries hundreds of
 * agents; JSON.parse of every one at every screen is the screen's cost, and in the bench
 * it would be the bench's, not the server's. So the raw bytes are searched instead
 * (Buffer.indexOf is a native memmem), for the two things the overload bench needs:
 * which probe alerts a frame carries, and whether it carries status (agents or queues).
 *
 * Layout it relies on (shared/wallboard.ts, shared/figures.ts, shared/alerts.ts):
 * - an alert names its call as `"callId":"<id>"`; probe calls are `<runId>-probe-call-<n>`
 *   (bench/lib/alert-probe.ts) and nothing but a probe alert carries such an id;
 * - a delta or snapshot names the server's clock when it was cut, `"serverTime":<ms>`,
 *   among its first fields, and its seq, `"seq":<n>`, first of all;
 * - `"agents":[` is only the top-level list of AgentView (a queue's `agents` is an
 *   object), and `"queues":[{` only the top-level list of QueueFigures (an agent's
 *   `queues` is a list of strings); either non-empty means a status update.
 */

import { inflateRawSync } from 'node:zlib';

const QUOTE = 0x22;
const ZERO = 0x30;
const NINE = 0x39;

/** True when `buf` holds `prefix` at `offset`, comparing only those bytes (no scan). */
export function startsWith(buf: Buffer, prefix: Buffer, offset = 0): boolean {
  return buf.length - offset >= prefix.length && buf.compare(prefix, 0, prefix.length, offset, offset + prefix.length) === 0;
}

/** Finds the probe numbers of one bench run in raw frames. */
export class ProbeScanner {
  private readonly marker: Buffer;

  constructor(runId: string) {
    this.marker = Buffer.from(`"callId":"${runId}-probe-call-`);
  }

  /** Every probe number the frame names (an alert may be named again later: callers keep what they saw). */
  probesIn(frame: Buffer): number[] {
    const found: number[] = [];
    let at = frame.indexOf(this.marker);
    while (at >= 0) {
      let i = at + this.marker.length;
      let n = 0;
      const digitsFrom = i;
      while (i < frame.length && frame[i]! >= ZERO && frame[i]! <= NINE) n = n * 10 + (frame[i++]! - ZERO);
      // Only `...-probe-call-<digits>"` is a probe of this run (not `-probe-call-7x"`).
      if (i > digitsFrom && frame[i] === QUOTE) found.push(n);
      at = frame.indexOf(this.marker, i);
    }
    return found;
  }
}

const SERVER_TIME = Buffer.from('"serverTime":');
const SEQ = Buffer.from('"seq":');

/** The frame's seq (its first `"seq":`, the frame's own: it comes first); NaN when absent. */
export function seqOf(frame: Buffer): number {
  return numberAfter(frame, SEQ);
}

/**
 * The server's wall clock (Date.now(), ms) when the frame was cut; NaN when absent. Splits
 * a probe's latency into the server's part (until cut) and the way to the screen after.
 */
export function serverTimeOf(frame: Buffer): number {
  return numberAfter(frame, SERVER_TIME);
}

/** The digits after the first `key` in the frame, as a number; NaN when absent. */
function numberAfter(frame: Buffer, key: Buffer): number {
  const at = frame.indexOf(key);
  if (at < 0) return Number.NaN;
  let i = at + key.length;
  let n = 0;
  const digitsFrom = i;
  while (i < frame.length && frame[i]! >= ZERO && frame[i]! <= NINE) n = n * 10 + (frame[i++]! - ZERO);
  return i > digitsFrom ? n : Number.NaN;
}

const AGENTS_LIST = Buffer.from('"agents":[');
const QUEUES_NON_EMPTY = Buffer.from('"queues":[{');
const OPEN_BRACE = 0x7b;

/** True when a delta or snapshot carries at least one agent or queue (a status update). */
export function carriesStatus(frame: Buffer): boolean {
  const agents = frame.indexOf(AGENTS_LIST);
  if (agents >= 0 && frame[agents + AGENTS_LIST.length] === OPEN_BRACE) return true;
  return frame.indexOf(QUEUES_NON_EMPTY) >= 0;
}

/** Packed frames remembered per process: the last few a server sent (each goes to every screen). */
const RECENT_PACKED = 8;

/**
 * Inflates packed frames (shared/packed.ts) for the screens of one process, once per
 * distinct frame. The server sends one packed frame, byte for byte the same, to every
 * screen of an audience: a hundred screens in one process inflating it a hundred times is
 * the screens' cost, which real screens pay on their own machines, not the server's, and
 * on a 2-core bench machine it starved the server (an alert burst of 13,000 alerts, 3 MB
 * of JSON, took a screens' process over a second). Each screen still receives its own
 * bytes over its own socket; the same bytes (compared in full) are inflated once.
 */
export class SharedInflater {
  private readonly recent: Array<{ packed: Buffer; json: Buffer }> = [];

  inflate(packed: Buffer): Buffer {
    const known = this.recent.find((r) => r.packed.length === packed.length && r.packed.equals(packed));
    if (known !== undefined) return known.json;
    const json = inflateRawSync(packed);
    this.recent.push({ packed, json });
    if (this.recent.length > RECENT_PACKED) this.recent.shift();
    return json;
  }
}
