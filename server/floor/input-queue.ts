/**
 * The floor's inputs, one at a time: each is logged and applied before the next starts, so
 * the log's order is the order they ran in. Waiting inputs run in arrival order, except
 * that an urgent one (a person's command; a small batch of events, such as the one event
 * that raises an alert) goes before the bulk batches waiting. Under overload the waiting
 * bulk is a quarter of a second of work or more (ingest-service.ts bounds it); an urgent
 * input waited all of it, and its alert reached the screens that much later.
 *
 * Urgent and bulk take turns while both wait, so neither can starve the other: a feed
 * sending one event per batch as fast as it can still lets the bulk (and the clock's
 * ticks) through every other turn. Which input runs when is the floor's choice either way:
 * events carry their own times, and the reorder window puts them in order.
 */
type Task = () => void;

export class InputQueue {
  private readonly urgent: Task[] = [];
  private readonly bulk: Task[] = [];
  private running = false;
  private lastWasUrgent = false;
  private readonly drainWaiters: Array<() => void> = [];

  /** Inputs waiting or running. */
  get size(): number {
    return this.urgent.length + this.bulk.length + (this.running ? 1 : 0);
  }

  /** Urgent inputs waiting (not the one running). */
  get urgentWaiting(): number {
    return this.urgent.length;
  }

  /** Runs `fn` once every input before it in the queue's order has finished. */
  run<T>(fn: () => Promise<T>, urgent = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const task: Task = () => {
        // Always on a later microtask, as a promise chain would: the caller's code after
        // `run` goes first.
        void Promise.resolve().then(fn).then(resolve, reject).finally(() => {
          this.running = false;
          this.next();
        });
      };
      (urgent ? this.urgent : this.bulk).push(task);
      if (!this.running) this.next();
    });
  }

  /** Settles once every input handed to `run` so far has finished. */
  drained(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  private next(): void {
    const takeUrgent = this.urgent.length > 0 && (!this.lastWasUrgent || this.bulk.length === 0);
    const task = takeUrgent ? this.urgent.shift() : this.bulk.shift();
    if (task === undefined) {
      for (const resolve of this.drainWaiters.splice(0)) resolve();
      return;
    }
    this.running = true;
    this.lastWasUrgent = takeUrgent;
    task();
  }
}
