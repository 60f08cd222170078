/**
 * A batch the floor could not store because the storage failed (a full disk, an I/O
 * error, a read-only or unopenable file): not the feed's fault, not a bug, and retryable.
 * The batch was not (wholly) stored, so it was not acknowledged: the feed keeps it and
 * sends it again, and what did get stored comes back as duplicates. HTTP answers 503 with
 * Retry-After (not 500 "internal error"); socket.io acks the same words.
 */
import { STORAGE_FAILURE_WORDS, storageFailureKind } from '../storage/failure-kind.js';

/** How long a feed is asked to wait: a full disk is not freed in a second. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

export interface StorageRefusal {
  retryAfterSeconds: number;
  /** For the feed: what failed (no path, no error text: those go to the log) and what to do. */
  error: string;
}

/** The refusal for `err` when it is a storage failure, else undefined. */
export function storageRefusal(err: unknown): StorageRefusal | undefined {
  const kind = storageFailureKind(err);
  if (kind === undefined) return undefined;
  const what = kind === 'full' ? 'storage full' : `storage failing (${STORAGE_FAILURE_WORDS[kind]})`;
  return {
    retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS,
    error: `${what}: the batch was not stored, or not all of it; send it again later (what was stored counts as duplicates)`,
  };
}
