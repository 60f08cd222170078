/**
 * Whether the storage takes writes now, for /ready: a full disk, an I/O error or a file
 * turned read-only makes every append fail while a cheap read (the readiness ping) still
 * answers, and /ready said "storage ok" while every batch was refused. The log's appends
 * are watched: one that fails for such a reason marks the storage failing, one that
 * succeeds marks it well again. While failing, each readiness check also tries the
 * probe (a small write beside the database): with no feed sending (a balancer holds
 * traffic back from a process that is not ready), nothing else would find that the disk
 * has room again. Without a probe (PostgreSQL: its own readiness ping covers a server that
 * is down), a failure counts for NO_PROBE_HOLD_MS after the last failed append only, so a
 * process held back by its balancer is not held back for ever.
 */
import type { Logger } from 'pino';
import type { AppendResult, NewLogEntry, Storage } from '../storage/types.js';
import { STORAGE_FAILURE_WORDS, storageFailureKind, type StorageFailureKind } from '../storage/failure-kind.js';

export interface StorageWrites {
  /** `storage` with its log's appends watched (the same stores otherwise). */
  watch(storage: Storage): Storage;
  /** Told the outcome of a write made elsewhere; any error that is not a storage failure is ignored. */
  failed(err: unknown): void;
  succeeded(): void;
  /** Why writes fail, in public words ("disk full"), or undefined when they do not (the probe tried first). */
  failing(): Promise<string | undefined>;
}

export interface StorageWritesOptions {
  /** A write that succeeds only if appends could (probeDatabaseDisk); throws otherwise. */
  probe?: () => void | Promise<void>;
  logger?: Logger;
  now?: () => number;
}

/** Without a probe: how long after the last failed append /ready still says writes fail. */
export const NO_PROBE_HOLD_MS = 10_000;

export function watchStorageWrites(options: StorageWritesOptions = {}): StorageWrites {
  const now = options.now ?? Date.now;
  let failure: { kind: StorageFailureKind; since: number; lastAt: number } | undefined;

  const writes: StorageWrites = {
    watch(storage) {
      const log = storage.log;
      return {
        ...storage,
        log: {
          async append(entries: NewLogEntry[]): Promise<AppendResult> {
            try {
              const result = await log.append(entries);
              writes.succeeded();
              return result;
            } catch (err) {
              writes.failed(err);
              throw err;
            }
          },
          read: (afterSeq, limit) => log.read(afterSeq, limit),
          eventsAbout: (filter) => log.eventsAbout(filter),
          lastSeq: () => log.lastSeq(),
          prune: (before, uptoSeq) => log.prune(before, uptoSeq),
        },
        close: () => storage.close(),
      };
    },
    failed(err) {
      const kind = storageFailureKind(err);
      if (kind === undefined) return;
      if (failure === undefined) {
        options.logger?.error({ err }, `storage: writes failing (${STORAGE_FAILURE_WORDS[kind]}); ingest answers 503 "send again later" until they succeed`);
      }
      failure = { kind, since: failure?.since ?? now(), lastAt: now() };
    },
    succeeded() {
      if (failure === undefined) return;
      options.logger?.info({ failingMs: now() - failure.since }, 'storage: writes succeed again');
      failure = undefined;
    },
    async failing() {
      if (failure === undefined) return undefined;
      if (!options.probe && now() - failure.lastAt > NO_PROBE_HOLD_MS) {
        writes.succeeded();
        return undefined;
      }
      if (options.probe) {
        try {
          await options.probe();
          writes.succeeded();
          return undefined;
        } catch (err) {
          // Still failing; a probe failing for another reason than the appends did is said as its own.
          const kind = storageFailureKind(err);
          if (kind !== undefined && failure !== undefined) failure = { ...failure, kind };
        }
      }
      return failure === undefined ? undefined : STORAGE_FAILURE_WORDS[failure.kind];
    },
  };
  return writes;
}
