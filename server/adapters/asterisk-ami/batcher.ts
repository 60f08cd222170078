/**
 * Collects translated events and hands them to the sink in batches (every `intervalMs` or
 * `maxEvents`, whichever first): one HTTP request or ingest call per burst, not per event.
 * Sends are serialised so the floor sees events in the order they were translated. A failed
 * send is kept and retried: event ids are stable, so a batch the floor did take is not
 * counted twice.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import type { EventSink } from '../types.js';

export interface BatcherHooks {
  /** The floor rejected some events of a batch. */
  rejected(count: number, firstReason: string | undefined): void;
  /** The sink threw; the batch will be retried. */
  sendFailed(err: Error): void;
}

export class EventBatcher {
  private pending: FloorEventInput[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();
  private retryMs: number;
  private closed = false;

  constructor(
    private readonly sink: EventSink,
    private readonly hooks: BatcherHooks,
    private readonly intervalMs = 100,
    private readonly maxEvents = 500,
    /** Beyond this many unsent events the oldest are dropped (the floor is unreachable for long). */
    private readonly maxPending = 50_000,
  ) {
    this.retryMs = intervalMs;
  }

  add(events: FloorEventInput[]): void {
    if (events.length === 0) return;
    this.pending.push(...events);
    if (this.pending.length > this.maxPending) this.pending.splice(0, this.pending.length - this.maxPending);
    if (this.pending.length >= this.maxEvents) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Sends everything pending; resolves when it was handed over (or failed and was kept). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.sending = this.sending.then(() => this.sendAll());
    return this.sending;
  }

  /** Stops the timer; what is pending stays for a last `flush()`. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.closed = true;
  }

  get size(): number {
    return this.pending.length;
  }

  private async sendAll(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, this.maxEvents);
      try {
        const result = await this.sink(batch);
        this.pending.splice(0, batch.length);
        this.retryMs = this.intervalMs;
        if (result.rejected > 0) this.hooks.rejected(result.rejected, result.errors[0]?.reason);
      } catch (err) {
        this.hooks.sendFailed(err as Error);
        if (!this.closed) {
          this.retryMs = Math.min(this.retryMs * 2, 30_000);
          this.timer ??= setTimeout(() => void this.flush(), this.retryMs);
        }
        return;
      }
    }
  }
}
