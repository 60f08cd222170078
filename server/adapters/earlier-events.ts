/**
 * What the floor's log already holds about some calls, for a webhook adapter whose mapper
 * remembers per call what it has sent (each fact once, with one time) and lost that memory
 * in a restart: before mapping a callback about a call it has no memory of, the webhook
 * asks the log (serve.ts reads it by call id) and the mapper learns from the answer. A read
 * that fails is logged and mapping goes on as before (a fact may then be sent twice).
 */
import type { Logger } from 'pino';

/** The parts of a logged event a mapper learns from. */
export interface LoggedEvent {
  id: string;
  ts: number;
  type: string;
  callId?: string;
  agentId?: string;
}

/** The events the log holds about these calls. */
export type EarlierEvents = (callIds: string[]) => Promise<ReadonlyArray<LoggedEvent>>;

export interface LearnsFromLog {
  learn(events: ReadonlyArray<LoggedEvent>): void;
}

export async function learnFromLog(
  mapper: LearnsFromLog, callIds: string[], earlier: EarlierEvents | undefined, logger: Pick<Logger, 'warn'>, feed: string,
): Promise<void> {
  if (earlier === undefined || callIds.length === 0) return;
  try {
    mapper.learn(await earlier(callIds));
  } catch (err) {
    logger.warn({ err, calls: callIds.length }, `${feed}: could not read what the floor holds about these calls; a fact both callbacks report may count twice`);
  }
}
