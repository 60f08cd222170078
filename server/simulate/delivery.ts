/**
 * Getting a batch to its receiver, however long that takes: `POST /api/v1/events` (the
 * ingest contract) or an in-process callback (the server's own demo feed). Failures that
 * may pass (connection refused while the server starts, 5xx, 429, a throwing callback)
 * are retried with capped exponential backoff, forever: a batch is never dropped. Resends
 * are safe because event ids make ingest idempotent. Only answers that no retry can fix
 * (401 bad token, 400 not a batch, 404 wrong URL) stop the run.
 */
import type { FloorEventInput } from '../../shared/events.js';
import type { RejectedEvent } from '../../shared/ingest.js';

export interface IngestCounts {
  accepted: number;
  duplicates: number;
  rejected: number;
  errors: RejectedEvent[];
}

export interface RetryPolicy {
  /** First wait after a failure (default 250 ms); doubles per attempt. */
  initialMs?: number;
  /** Longest wait between attempts (default 10 s). */
  maxMs?: number;
}

export interface DeliveryContext {
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  retry?: RetryPolicy;
  /** Told about each failed attempt (for a log line); delivery goes on regardless. */
  onRetry?: (info: { attempt: number; delayMs: number; error: string }) => void;
}

/** A failure no retry can fix. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
}

/** Thrown by an attempt that may succeed later; `afterMs` is the server's Retry-After. */
class RetryableError extends Error {
  constructor(message: string, readonly afterMs?: number) {
    super(message);
  }
}

/** The body is too large for the server: the caller splits the batch. */
class TooLargeError extends Error {}

export class AbortedError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('aborted');
  }
}

export type Attempt = (batch: FloorEventInput[]) => Promise<Partial<IngestCounts> | void>;

/** Delivers one batch, retrying until it is taken (or the signal aborts). */
export async function deliver(batch: FloorEventInput[], attempt: Attempt, ctx: DeliveryContext): Promise<IngestCounts> {
  const initial = ctx.retry?.initialMs ?? 250;
  const max = ctx.retry?.maxMs ?? 10_000;
  for (let tries = 1; ; tries++) {
    if (ctx.signal?.aborted) throw new AbortedError();
    try {
      const answer = await attempt(batch);
      return counts(answer, batch.length);
    } catch (err) {
      if (err instanceof TooLargeError && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        const a = await deliver(batch.slice(0, half), attempt, ctx);
        const b = await deliver(batch.slice(half), attempt, ctx);
        return { accepted: a.accepted + b.accepted, duplicates: a.duplicates + b.duplicates, rejected: a.rejected + b.rejected, errors: [...a.errors, ...b.errors.map((e) => ({ ...e, index: e.index + half }))] };
      }
      if (err instanceof DeliveryError) throw err;
      if (err instanceof TooLargeError) throw new DeliveryError(`${err.message} (a single event)`);
      if (ctx.signal?.aborted) throw new AbortedError();
      const backoff = Math.min(max, initial * 2 ** (tries - 1));
      const delayMs = err instanceof RetryableError && err.afterMs !== undefined ? Math.min(max, Math.max(backoff, err.afterMs)) : backoff;
      ctx.onRetry?.({ attempt: tries, delayMs, error: err instanceof Error ? err.message : String(err) });
      await ctx.sleep(delayMs);
    }
  }
}

/** A callback that returns nothing took the whole batch. */
function counts(answer: Partial<IngestCounts> | void, size: number): IngestCounts {
  if (!answer || typeof answer.accepted !== 'number') return { accepted: size, duplicates: 0, rejected: 0, errors: [] };
  return {
    accepted: answer.accepted,
    duplicates: answer.duplicates ?? 0,
    rejected: answer.rejected ?? answer.errors?.length ?? 0,
    errors: answer.errors ?? [],
  };
}

/** One attempt at `POST <url>/api/v1/events` with a JSON array body. */
export function httpAttempt(url: string, token?: string): Attempt {
  const endpoint = `${url.replace(/\/+$/, '')}/api/v1/events`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return async (batch) => {
    let res: Response;
    try {
      res = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(batch) });
    } catch (err) {
      // Connection refused or reset: the server may not be up yet.
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new RetryableError(`POST ${endpoint} failed${cause}`);
    }
    const text = await res.text();
    const body = parseJson(text);
    // 422: nothing in the batch was usable, and the answer says why (counted, not retried).
    if ((res.ok || res.status === 422) && isCounts(body)) return body;
    if (res.ok) return undefined;
    if (res.status === 413) throw new TooLargeError(`POST ${endpoint}: 413 body too large`);
    if (res.status >= 500 || res.status === 408 || res.status === 429) {
      const after = Number(res.headers.get('retry-after'));
      throw new RetryableError(`POST ${endpoint}: ${res.status}`, Number.isFinite(after) && after > 0 ? after * 1000 : undefined);
    }
    throw new DeliveryError(`POST ${endpoint}: ${res.status} ${text.slice(0, 500)}`);
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isCounts(x: unknown): x is IngestCounts {
  return typeof x === 'object' && x !== null && typeof (x as { accepted?: unknown }).accepted === 'number';
}
