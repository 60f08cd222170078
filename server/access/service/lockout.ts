/**
 * Temporary lockout after repeated failed sign-ins. The same arithmetic runs for unknown
 * usernames ("phantoms", kept in memory), so "locked" cannot be used to learn which
 * usernames exist: guess five times at any name and it answers locked for the same while.
 */
import type { LockoutPolicy } from './context.js';
import { isLocked } from './views.js';

export interface FailureState {
  failedSignIns: number;
  lockedUntil?: number;
}

/**
 * One more failure. Reaching the limit locks and starts the count again, so after the lock
 * runs out the account gets the full number of tries (not one try per lock period).
 */
export function afterFailure(state: FailureState, now: number, policy: LockoutPolicy): FailureState {
  const failures = (isLocked(state, now) ? 0 : state.failedSignIns) + 1;
  if (failures >= policy.maxFailures) return { failedSignIns: 0, lockedUntil: now + policy.lockMs };
  return { failedSignIns: failures, lockedUntil: undefined };
}

/** Failure states of usernames that have no account; bounded so guessing names cannot fill memory. */
export class PhantomLockouts {
  readonly #states = new Map<string, FailureState>();

  constructor(private readonly capacity = 10_000) {}

  get(username: string): FailureState {
    return this.#states.get(username) ?? { failedSignIns: 0 };
  }

  set(username: string, state: FailureState): void {
    // Re-inserted at the end, so the oldest entries are the ones dropped when full.
    this.#states.delete(username);
    this.#states.set(username, state);
    while (this.#states.size > this.capacity) {
      const oldest = this.#states.keys().next().value;
      if (oldest === undefined) break;
      this.#states.delete(oldest);
    }
  }
}
