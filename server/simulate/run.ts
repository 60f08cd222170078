/**
 * `runSimulation`: plays a simulated floor into a sink (NDJSON lines, HTTP POSTs to a
 * Floorwatch server, or an in-process callback), as fast as possible or paced against a
 * clock. The clock and sleep are injected so tests never wait.
 *
 * Timestamps in paced mode. With `speed` s, virtual time runs s times faster than the
 * wall clock, starting from the wall-clock moment the run starts. Each event is sent
 * when its virtual moment comes up, and its `ts` (and `callbackDue`) is re-based to that
 * wall-clock moment: ts = runStart + (virtual ts - start) / s. So the `ts` a live server
 * sees is the time it receives the event (it falls inside its reorder window, its
 * timers fire on time, and nothing is refused as "in the future"). The price: at s > 1
 * durations are compressed too (at 10x a 15 s late ring looks like 1.5 s), so rule
 * timings are only faithful at speed 1, the demo's speed. Unpaced runs (speed 0 or
 * Infinity, the default) keep the virtual timestamps untouched, for files and replays.
 *
 * If the sink stalls (the server is not up yet, a retry backs off) and the run falls
 * more than `maxLagMs` behind, virtual time pauses rather than bursting stale events:
 * the schedule is shifted by the lag, so what follows is again current.
 */
import type { FloorEventInput } from '../../shared/events.js';
import type { RejectedEvent } from '../../shared/ingest.js';
import { AbortedError, DeliveryError, deliver, httpAttempt, type Attempt, type IngestCounts, type RetryPolicy } from './delivery.js';
import type { SimEvent } from './sim-event.js';
import { simulateFloor, type SimulateOptions } from './simulate.js';

export type SimulationOutput =
  /** One event per call, as one JSON line without its newline. Return a promise to apply backpressure. */
  | { kind: 'ndjson'; write: (line: string) => void | Promise<void> }
  /** JSON arrays to `${url}/api/v1/events`, `authorization: Bearer <token>` when a token is given. */
  | { kind: 'post'; url: string; token?: string; batchSize?: number }
  /** Batches to a callback (the server's built-in demo). Resolve with the ingest result to have it counted. */
  | { kind: 'send'; send: (batch: FloorEventInput[]) => Promise<Partial<IngestCounts> | void>; batchSize?: number };

export interface RunSimulationOptions extends SimulateOptions {
  /** 1 = real time, 10 = ten times faster; 0 or Infinity (default) = as fast as possible. */
  speed?: number;
  output: SimulationOutput;
  /** Stops the run: nothing more is generated or sent, and the report says `aborted`. */
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  retry?: RetryPolicy;
  /** How far behind schedule a paced run may fall before virtual time pauses (default 1000 ms). */
  maxLagMs?: number;
  onRetry?: (info: { attempt: number; delayMs: number; error: string }) => void;
  /**
   * Called once before the first event is sent, with the clock the events will carry
   * (identity when unpaced): the place to hand the receiver the floor's plan, re-based
   * like the events, so adherence is judged against the times the events will have.
   */
  prepare?: (toWall: (virtual: number) => number) => Promise<void>;
  /**
   * Events sent as they are, after `prepare` and before the floor's first: the live demo's
   * logouts of the agents a previous run may have left on the floor (live.ts).
   */
  leading?: readonly FloorEventInput[];
}

export interface RunReport {
  /** Events handed to the sink (and, for post/send, taken by it). */
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first rejections (at most 20), for a diagnostic. */
  errors: RejectedEvent[];
  batches: number;
  /** Failed attempts that were retried. */
  retries: number;
  aborted: boolean;
  /** `ts` of the first and last event sent (re-based in paced mode). */
  firstTs?: number;
  lastTs?: number;
}

export const DEFAULT_BATCH_SIZE = 500;
const MAX_ERRORS_KEPT = 20;

/** setTimeout that an abort cuts short. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function runSimulation(options: RunSimulationOptions): Promise<RunReport> {
  const { output, signal } = options;
  const speed = options.speed ?? Infinity;
  if (!(speed >= 0)) throw new RangeError(`speed must be >= 0, got ${speed}`);
  const paced = speed > 0 && Number.isFinite(speed);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, signal));
  const maxLagMs = options.maxLagMs ?? 1000;

  const report: RunReport = { sent: 0, accepted: 0, duplicates: 0, rejected: 0, errors: [], batches: 0, retries: 0, aborted: false };
  const attempt = sinkFor(output);
  const batchSize = output.kind === 'ndjson' ? 1 : Math.max(1, output.batchSize ?? DEFAULT_BATCH_SIZE);
  const ctx = {
    sleep, signal, retry: options.retry,
    onRetry: (info: { attempt: number; delayMs: number; error: string }) => {
      report.retries += 1;
      options.onRetry?.(info);
    },
  };

  let batch: FloorEventInput[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const taking = batch;
    batch = [];
    const got = await deliver(taking, attempt, ctx);
    report.batches += 1;
    report.sent += taking.length;
    report.accepted += got.accepted;
    report.duplicates += got.duplicates;
    report.rejected += got.rejected;
    for (const e of got.errors) if (report.errors.length < MAX_ERRORS_KEPT) report.errors.push(e);
  };

  // Wall-clock moment of virtual `start`; moves forward when the sink stalls.
  let anchor = now();
  const wallOf = (virtual: number): number => anchor + (virtual - options.start) / speed;
  if (options.prepare) {
    const at = anchor;
    await options.prepare(paced ? (virtual) => Math.floor(at + (virtual - options.start) / speed) : (virtual) => virtual);
  }

  try {
    if (options.leading !== undefined && options.leading.length > 0) {
      batch.push(...options.leading);
      await flush();
    }
    for (const generated of simulateFloor(options)) {
      if (signal?.aborted) throw new AbortedError();
      let event: SimEvent = generated;
      if (paced) {
        // Send what is due before waiting for what is not.
        if (wallOf(event.ts) > now()) await flush();
        const wait = wallOf(event.ts) - now();
        if (wait < -maxLagMs) anchor -= wait; // behind schedule (a slow send): pause virtual time by the lag
        if (wait > 0) {
          await sleep(wait);
          if (signal?.aborted) throw new AbortedError();
        }
        event = rebase(event, wallOf);
      }
      report.firstTs ??= event.ts;
      report.lastTs = event.ts;
      batch.push(event);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (err) {
    if (!(err instanceof AbortedError)) throw err;
    report.aborted = true;
  }
  return report;
}

/** The event at its wall-clock moment (floored: never ahead of the clock it was sent by). */
function rebase(event: SimEvent, wallOf: (virtual: number) => number): SimEvent {
  const rebased: SimEvent = { ...event, ts: Math.floor(wallOf(event.ts)) };
  if (rebased.type === 'wrapup.completed' && typeof rebased.callbackDue === 'number') {
    rebased.callbackDue = Math.floor(wallOf(rebased.callbackDue));
  }
  return rebased;
}

function sinkFor(output: SimulationOutput): Attempt {
  switch (output.kind) {
    case 'ndjson':
      return async (batch) => {
        try {
          for (const event of batch) await output.write(JSON.stringify(event));
        } catch (err) {
          // A closed pipe does not heal: stop rather than retry.
          throw new DeliveryError(`writing NDJSON failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      };
    case 'post':
      return httpAttempt(output.url, output.token);
    case 'send':
      return (batch) => output.send(batch);
  }
}
