/**
 * When a screen says what it has read (`read`, shared/wallboard.ts). The server counts a
 * screen's backlog from these (server/wallboard/sent-log.ts), so they must come soon after
 * big frames; but one after every frame, from every screen, was a message per screen per
 * delta: with 1,000 screens the server's share of reading them doubled the p99 of an
 * alert's latency. So: at once after a big (packed) frame or a snapshot, and after small
 * ones at most once a second, with the newest seq.
 */

/** Small frames are acknowledged together, at most this often. */
export const READ_EVERY_MS = 1000;

export interface ReadTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ReadReceipts {
  /** The screen has taken in the frame numbered `seq`; `big`: it came packed, or is a snapshot. */
  took(seq: number, big: boolean): void;
  /** A new connection: its numbering starts again. */
  reset(): void;
}

export function readReceipts(send: (seq: number) => void, timers: ReadTimers, everyMs = READ_EVERY_MS): ReadReceipts {
  let latest: number | undefined;
  let sent: number | undefined;
  let timer: unknown;
  const flush = (): void => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    if (latest === undefined || latest === sent) return;
    sent = latest;
    send(latest);
  };
  return {
    took(seq, big) {
      latest = seq;
      if (big) flush();
      else timer ??= timers.set(flush, everyMs);
    },
    reset() {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      latest = undefined;
      sent = undefined;
    },
  };
}
