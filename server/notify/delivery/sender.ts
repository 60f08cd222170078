/**
 * The sender: takes due notifications from the outbox and delivers them. A delivery that
 * fails is tried again later (delivery/backoff.ts) and, after the last try (or at once when
 * trying again cannot help), becomes a dead letter, listed on the admin page with a resend
 * button. Nothing is removed from the outbox: a row is pending, sent or dead.
 *
 * At least once: a row is marked sent only after the receiver said so. If the process dies
 * between the two, the row is sent again after the restart with the same id (the
 * `x-floorwatch-delivery` header, the e-mail's Message-ID), which receivers de-duplicate on.
 *
 * Time and chance are injected (clock, random), so tests drive retries without waiting;
 * `start()` adds the timer a server needs.
 */
import type { Logger } from 'pino';
import type { ChannelConfig } from '../../../shared/notify.js';
import { deliver } from '../channels/index.js';
import { DeliveryError, type ChannelDeps } from '../channels/types.js';
import type { HealthTable } from '../store/health.js';
import type { Outbox, OutboxRow } from '../store/outbox.js';
import { retryDelayMs, type BackoffPolicy } from './backoff.js';

export type DeliveryEvent =
  | { type: 'sent'; id: string; channelId: string; attempts: number }
  | { type: 'retry'; id: string; channelId: string; attempts: number; error: string; nextAttemptAt: number }
  | { type: 'dead'; id: string; channelId: string; attempts: number; error: string };

export interface SenderOptions {
  outbox: Outbox;
  health: HealthTable;
  /** The channel's current configuration (undefined when it was deleted). */
  channel(id: string): ChannelConfig | undefined;
  clock: { now(): number };
  random: () => number;
  policy: BackoffPolicy;
  deps: ChannelDeps;
  logger: Logger;
  /** Rows taken per round (delivered in parallel). */
  batch?: number;
}

export class Sender {
  private readonly listeners = new Set<(e: DeliveryEvent) => void>();
  private running: Promise<number> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: SenderOptions) {}

  on(listener: (e: DeliveryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Delivers every row due now; resolves with how many tries were made. Calls made while a
   * run is under way join it (and make it look once more), so no row is sent twice at once.
   */
  runDue(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let tries = 0;
      try {
        do {
          this.again = false;
          tries += await this.rounds();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
      return tries;
    })();
    return this.running;
  }

  private async rounds(): Promise<number> {
    const seen = new Set<string>();
    let tries = 0;
    for (;;) {
      const rows = this.o.outbox.due(this.o.clock.now(), this.o.batch ?? 20).filter((r) => !seen.has(r.id));
      if (rows.length === 0) return tries;
      for (const r of rows) seen.add(r.id);
      await Promise.all(rows.map((r) => this.attempt(r)));
      tries += rows.length;
    }
  }

  private async attempt(row: OutboxRow): Promise<void> {
    const { outbox, health, logger } = this.o;
    const attempts = row.attempts + 1;
    const wasRetry = row.attempts > 0;
    const channel = this.o.channel(row.channelId);
    let failure: DeliveryError | undefined;
    if (channel === undefined) failure = new DeliveryError(`channel "${row.channelId}" no longer exists`, true);
    else if (!channel.enabled) failure = new DeliveryError(`channel "${row.channelId}" is disabled`, true);
    else {
      try {
        await deliver(channel, { message: row.message, ...(row.to !== undefined && { to: row.to }), now: this.o.clock.now() }, this.o.deps);
      } catch (err) {
        failure = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message ?? String(err));
      }
    }
    const now = this.o.clock.now();
    if (failure === undefined) {
      outbox.markSent(row.id, attempts, now);
      health.success(row.channelId, now, wasRetry);
      logger.info({ delivery: row.id, channel: row.channelId, attempts }, 'notification delivered');
      this.emit({ type: 'sent', id: row.id, channelId: row.channelId, attempts });
      return;
    }
    const error = failure.message;
    if (failure.permanent || attempts >= this.o.policy.maxAttempts) {
      outbox.markDead(row.id, attempts, error, now);
      health.failure(row.channelId, now, error, wasRetry, true);
      logger.warn({ delivery: row.id, channel: row.channelId, attempts, error }, 'notification given up: on the dead-letter list');
      this.emit({ type: 'dead', id: row.id, channelId: row.channelId, attempts, error });
      return;
    }
    const nextAttemptAt = now + retryDelayMs(attempts, this.o.policy, this.o.random);
    outbox.markRetry(row.id, attempts, nextAttemptAt, error, now);
    health.failure(row.channelId, now, error, wasRetry, false);
    logger.info({ delivery: row.id, channel: row.channelId, attempts, error, nextAttemptAt }, 'notification failed; will try again');
    this.emit({ type: 'retry', id: row.id, channelId: row.channelId, attempts, error, nextAttemptAt });
  }

  private emit(e: DeliveryEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(e);
      } catch (err) {
        this.o.logger.error({ err }, 'delivery listener failed');
      }
    }
  }

  /** Looks for due rows every `pollMs` (and at once on `wake()`), until `stop()`. */
  start(pollMs = 1000): void {
    if (this.timer) return;
    const tick = () => {
      this.runDue().catch((err: unknown) => this.o.logger.error({ err }, 'notification sender failed'));
    };
    this.timer = setInterval(tick, pollMs);
    this.timer.unref();
    tick();
  }

  /** New decisions were written: deliver them now rather than at the next poll. */
  wake(): void {
    if (this.timer) this.runDue().catch((err: unknown) => this.o.logger.error({ err }, 'notification sender failed'));
  }

  /** Stops the timer and waits for the deliveries under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
