/**
 * When to try again: exponential backoff with jitter, pure (the random source is given).
 * After the n-th failed try the wait is base * 2^(n-1), at most `maxDelayMs`, stretched by
 * up to `jitter` of itself so that many notifications failing together (a receiver down)
 * do not all come back at the same instant.
 */
export interface BackoffPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1: the share of the wait added at random. */
  jitter: number;
}

export function retryDelayMs(failedAttempts: number, policy: BackoffPolicy, random: () => number): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (1 + policy.jitter * random()));
}
