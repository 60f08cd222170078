/**
 * When the floor's deltas go out, and to whom. Alerts go at once (after the input that
 * raised them, or up to `urgentCoalesceMs` later when more inputs are queued, so a burst
 * is one delta); agent and queue status at most every 200 ms, longer under load with
 * `statusBackoff` (and once a second while each names a thousand agents or more); an
 * empty heartbeat after HEARTBEAT_MS of silence.
 */
import type { FloorDelta } from '../../shared/wallboard.js';
import type { Effect } from '../engine/context.js';
import type { EngineState } from '../engine/state.js';
import { DeltaCollector } from './deltas.js';
import { HEARTBEAT_MS, type FloorOptions } from './options.js';

/** Status deltas (agents, queues) at most this often: a few a second is what a screen shows. */
const STATUS_INTERVAL_MS = 200;

/**
 * Under load (with `statusBackoff`), after a status delta naming this many agents the next
 * waits at least BUSY_STATUS_INTERVAL_MS. Every screen decodes every status delta: on a
 * busy 6,000-agent floor each agent changes several times a second, and five deltas a
 * second named most agents five times, for screens that show a second's resolution. Once
 * a second, each is named once: half the bytes, a fifth of the frames.
 */
const BUSY_STATUS_AGENTS = 1000;
const BUSY_STATUS_INTERVAL_MS = 1000;

type OutletOptions = Pick<FloorOptions, 'clock' | 'statusBackoff' | 'urgentCoalesceMs' | 'onError'>;

export class DeltaOutlet {
  private readonly deltas = new DeltaCollector();
  private readonly listeners = new Set<(d: FloorDelta) => void>();
  private lastFlushAt: number;
  /** The wait between status deltas: 200 ms, longer under load with `statusBackoff`. */
  private statusIntervalMs = STATUS_INTERVAL_MS;
  /** When the collected urgent delta became urgent (the floor's clock), while it waits for company. */
  private urgentSince: number | undefined;

  constructor(private readonly opts: OutletOptions, private readonly state: () => EngineState) {
    this.lastFlushAt = opts.clock.now();
  }

  private get backoff(): number {
    return this.opts.statusBackoff ?? 0;
  }

  /** The seq of the last delta sent (a snapshot carries it). */
  get seq(): number {
    return this.deltas.seq;
  }

  add(effects: Effect[]): void {
    this.deltas.add(effects);
  }

  /** Forgets what was collected (after a rebuild: screens resync from a snapshot anyway); status is due from now. */
  restart(): void {
    this.deltas.clear();
    this.lastFlushAt = this.opts.clock.now();
  }

  /**
   * After each input (never in the middle of one): sends the urgent delta unless `waiting`
   * inputs are queued and it has waited less than `urgentCoalesceMs` for them.
   */
  afterInput(waiting: number): void {
    if (!this.deltas.urgent) {
      this.urgentSince = undefined;
      return;
    }
    const now = this.opts.clock.now();
    this.urgentSince ??= now;
    if (waiting > 0 && now - this.urgentSince < (this.opts.urgentCoalesceMs ?? 0)) return;
    this.flush();
  }

  /** On the floor's tick: what is due goes out, or a heartbeat when the floor has been quiet. */
  onTick(): void {
    const since = this.opts.clock.now() - this.lastFlushAt;
    if (this.deltas.urgent || (!this.deltas.empty && since >= this.statusIntervalMs)) this.flush();
    // A quiet floor still says it is alive, so a wallboard can tell "nothing happening"
    // from "no data" (the TV's stale banner) without polling.
    else if (since >= HEARTBEAT_MS) this.flush(true);
  }

  /**
   * Sends what was collected now; a heartbeat is sent even when empty. With
   * `statusBackoff`, alerts that come while status is not yet due go out alone, and the
   * status waits for its (load-dependent) turn.
   */
  flush(heartbeat = false): void {
    if (this.deltas.empty && !heartbeat) return;
    // Nobody to send to (a floor before its server is up, or one only being written):
    // building the delta is a walk over every agent, for nothing. A listener added later
    // starts from a snapshot, which has it all.
    if (this.listeners.size === 0) {
      this.deltas.clear();
      return;
    }
    const now = this.opts.clock.now();
    const statusDue = heartbeat || now - this.lastFlushAt >= this.statusIntervalMs;
    if (!statusDue && this.deltas.urgent && this.deltas.statusPending && this.backoff > 0) {
      this.send(this.deltas.buildAlerts(this.state(), now));
      return;
    }
    this.lastFlushAt = now;
    const started = performance.now();
    const delta = this.deltas.build(this.state(), now);
    this.send(delta);
    if (this.backoff > 0) {
      const floor = delta.agents.length >= BUSY_STATUS_AGENTS ? BUSY_STATUS_INTERVAL_MS : STATUS_INTERVAL_MS;
      this.statusIntervalMs = Math.max(floor, this.backoff * (performance.now() - started));
    }
  }

  onDelta(listener: (delta: FloorDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private send(delta: FloorDelta): void {
    for (const listener of this.listeners) {
      try {
        listener(delta);
      } catch (err) {
        this.opts.onError?.(err);
      }
    }
  }
}
