/**
 * What any process of a cluster does with the floor's inputs: it accepts them into the
 * input stream and answers the sender, whoever owns the engine. Events are acknowledged as
 * soon as the stream has them (the owner applies them moments later); commands, rules and
 * plan changes wait for the owner's answer, since the person giving them is told whether
 * they were applied.
 */
import { randomUUID } from 'node:crypto';
import type { FloorEvent } from '../../shared/events.js';
import { lateEvents } from '../floor/ingest-outcome.js';
import type { IngestOutcome } from '../floor/types.js';
import type { ReplyBox } from './replies.js';
import type { InputStream } from './stream-log.js';

export interface ClusterInputsOptions {
  stream: InputStream;
  replies: ReplyBox;
  /** This process (its reply list). */
  processId: string;
  /** Events stamped further ahead of this server's clock are refused, as a single process refuses them. */
  maxFutureMs?: number;
  /** The floor's reorder window: events stamped further behind are counted late (IngestOutcome.late). */
  reorderWindowMs?: number;
  /** How long a command waits for the owner (covers a failover: the next owner answers it). */
  answerTimeoutMs?: number;
  now?: () => number;
}

export class ClusterInputs {
  private readonly maxFutureMs: number;
  private readonly answerTimeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ClusterInputsOptions) {
    this.maxFutureMs = options.maxFutureMs ?? 60_000;
    this.answerTimeoutMs = options.answerTimeoutMs ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Resolves once the stream holds the accepted events (Redis rejects: the sender resends).
   * `texts`: each event's JSON from the parser, appended as is instead of written again.
   */
  async ingest(events: FloorEvent[], texts?: readonly string[]): Promise<IngestOutcome> {
    const limit = this.now() + this.maxFutureMs;
    const refused: IngestOutcome['refused'] = [];
    const kept: FloorEvent[] = [];
    const keptTexts: string[] = [];
    events.forEach((event, index) => {
      if (event.ts > limit) {
        refused.push({ index, field: 'ts', reason: `more than ${this.maxFutureMs / 1000} s ahead of the server's clock (check the feed's clock)` });
      } else {
        kept.push(event);
        if (texts !== undefined) keptTexts.push(texts[index]!);
      }
    });
    const receivedAt = this.now();
    const { duplicates } = await this.options.stream.appendEvents(kept, texts === undefined ? undefined : keptTexts);
    const repeated = new Set(duplicates);
    const late = this.options.reorderWindowMs === undefined ? undefined
      : lateEvents(kept.filter((_, i) => !repeated.has(i)), receivedAt - this.options.reorderWindowMs, receivedAt);
    return { accepted: kept.length - duplicates.length, duplicates: duplicates.length, refused, ...(late !== undefined && { late }) };
  }

  /** A command, a rules or a plan change: appended, then the owner's answer. */
  async submit<T>(kind: 'command' | 'rules' | 'schedule', payload: unknown): Promise<T> {
    const id = `${kind === 'command' ? 'cmd' : kind}-${randomUUID()}`;
    // Waiting first: the answer may come before the append call returns.
    const answer = this.options.replies.wait(id, this.answerTimeoutMs);
    try {
      await this.options.stream.appendInput(kind, id, payload, this.options.processId);
    } catch (err) {
      answer.catch(() => undefined);
      throw err;
    }
    return (await answer) as T;
  }
}
