/** The adapter's options and its memory of one call: what the FreeSWITCH mapping's parts share. */
import { isWithheldNumber } from '../caller-number.js';

export interface FsMappingOptions {
  /** Host name used in event ids and `source` (e.g. `fs1`). */
  host: string;
  /**
   * FreeSWITCH cannot know whether the agent asked before putting the caller on hold, so every
   * hold carries this value. Default true (as the AMI adapter): set false where every hold
   * should be reviewed.
   */
  holdConsent?: boolean;
  /** `CC-Agent` (as sent, or without `@domain`) -> agent id, where the floor's ids differ. */
  agentIds?: Record<string, string>;
  /** The extension (dialled digits) of the satisfaction survey: an agent's transfer there is `target: survey`. */
  surveyExtension?: string;
}

export interface FsCall {
  callId: string;
  queue: string;
  answered: boolean;
  ended: boolean;
  held: boolean;
  /** The agent transferred the caller away (`call.transferred` sent); `member-queue-end` ends it. */
  transferred: boolean;
  agentId?: string;
  /** The agent leg's uuid (bridge-agent-start `CC-Agent-UUID`). */
  agentUuid?: string;
  keys: Set<string>;
}

/** A `call.offered` body for `call`, from the caller's number as FreeSWITCH has it. */
export function offerBody(call: FsCall, from: string | undefined): Record<string, unknown> {
  const withheld = isWithheldNumber(from);
  return {
    type: 'call.offered', callId: call.callId, queue: call.queue, direction: 'inbound',
    ...(!withheld && { from }),
    numberClass: withheld ? 'unknown' : 'customer',
  };
}

/** The caller's channel uuids of a call (everything linked to it but the agent leg). */
export function callerLegs(call: FsCall): Set<string> {
  return new Set([...call.keys].filter((k) => k !== call.agentUuid));
}
