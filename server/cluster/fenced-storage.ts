/**
 * The storage as the floor's owner sees it: every write goes through the fence (the
 * lease still valid here, and its token still the newest the database has seen); reads
 * pass straight through. A refused write throws FenceLostError, the floor's input fails,
 * and the owner loop drops ownership at once.
 */
import type { Storage } from '../storage/types.js';

/** Runs a write if, and only if, this process may still write as the owner. */
export type WriteGuard = <T>(write: () => Promise<T>) => Promise<T>;

export function fencedStorage(inner: Storage, guard: WriteGuard): Storage {
  const { log, snapshots, alerts, points } = inner;
  return {
    log: {
      append: (entries) => guard(() => log.append(entries)),
      read: (afterSeq, limit) => log.read(afterSeq, limit),
      eventsAbout: (filter) => log.eventsAbout(filter),
      lastSeq: () => log.lastSeq(),
      prune: (before, uptoSeq) => guard(() => log.prune(before, uptoSeq)),
    },
    snapshots: {
      save: (snapshot) => guard(() => snapshots.save(snapshot)),
      latest: () => snapshots.latest(),
      prune: (keep) => guard(() => snapshots.prune(keep)),
    },
    alerts: {
      upsert: (list) => guard(() => alerts.upsert(list)),
      get: (id) => alerts.get(id),
      list: (query) => alerts.list(query),
      prune: (before) => guard(() => alerts.prune(before)),
    },
    points: {
      record: (entries) => guard(() => points.record(entries)),
      list: (query) => points.list(query),
      get: (id) => points.get(id),
      reversalOf: (id) => points.reversalOf(id),
    },
    // The shared storage outlives any one ownership: whoever opened it closes it.
    close: async () => undefined,
  };
}
