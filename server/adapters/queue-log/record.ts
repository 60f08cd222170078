/**
 * One queue_log entry, whichever form it came in (the pipe-separated file or a row of
 * the realtime database table exported as CSV). The parser stops at this shape; the
 * mapping decides what each event means.
 */

/** Every event a stock Asterisk (1.4 .. 20) writes to queue_log. */
export const STOCK_EVENTS = [
  'ENTERQUEUE', 'RINGNOANSWER', 'RINGCANCELED', 'CONNECT', 'AGENTDUMP', 'COMPLETECALLER', 'COMPLETEAGENT',
  'ABANDON', 'EXITWITHTIMEOUT', 'EXITWITHKEY', 'EXITEMPTY',
  'TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER',
  'ADDMEMBER', 'REMOVEMEMBER', 'PAUSE', 'UNPAUSE', 'PAUSEALL', 'UNPAUSEALL',
  'AGENTLOGIN', 'AGENTLOGOFF', 'AGENTCALLBACKLOGIN', 'AGENTCALLBACKLOGOFF',
  'CONFIGRELOAD', 'QUEUESTART',
] as const;
export type StockEvent = (typeof STOCK_EVENTS)[number];

export interface QueueLogRecord {
  /**
   * When it happened, epoch ms. The file form has whole seconds; the database form may
   * carry microseconds, truncated here to ms.
   */
  timeMs: number;
  /** The caller channel's uniqueid, or `NONE` for member and system events. */
  callId: string;
  /** Queue name, or `NONE`. */
  queue: string;
  /**
   * Member interface (`PJSIP/1001`) on ADDMEMBER / REMOVEMEMBER, member name on call and
   * pause lines (the interface when the member has no name; the name everywhere with
   * `log_membername_as_agent`), or `NONE`.
   */
  agent: string;
  /** Upper-case event name; not necessarily a stock one. */
  event: string;
  /** data1..dataN, trailing empty fields kept (field counts vary by version). */
  data: string[];
}

export type ParseResult =
  | { ok: true; record: QueueLogRecord }
  | { ok: false; reason: string };

/** `NONE` (or empty) means "no value" in every id column of queue_log. */
export function present(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== 'NONE';
}
