/**
 * The points ledger in memory: the same contract as SQLite (server/storage/sqlite/points.ts),
 * for tests and `--no-persist` runs. Entries are kept as JSON text, as SQLite keeps them.
 */
import type { PointsEntry } from '../../shared/points.js';
import {
  PointsLedgerConflictError, assertStorableEntry, pointsListBounds, storedForm, type PointsListQuery,
} from './points-rules.js';
import type { PointsLedger } from './types.js';

interface StoredEntry {
  /** Insertion order: ties on `at` come back in the order they were recorded. */
  seq: number;
  id: string;
  agentId: string;
  at: number;
  reverses: string | undefined;
  json: string;
}

export function createMemoryPointsLedger(assertOpen: () => void): PointsLedger {
  const byId = new Map<string, StoredEntry>();
  /** reversed entry id -> the reversal's id (SQLite's unique index on `reverses`). */
  const reversalIdOf = new Map<string, string>();
  let lastSeq = 0;

  const read = (row: StoredEntry): PointsEntry => {
    const entry = JSON.parse(row.json) as PointsEntry;
    const reversedBy = reversalIdOf.get(row.id);
    return reversedBy === undefined ? entry : { ...entry, reversedBy };
  };

  return {
    async record(entries: PointsEntry[]): Promise<void> {
      assertOpen();
      // Check the whole batch against what the ledger will hold, before changing anything:
      // like SQLite's transaction, one bad entry writes none of them.
      const staged = new Map<string, StoredEntry>();
      const stagedReversals = new Map<string, string>();
      const isReversal = (id: string): boolean | undefined => {
        const held = byId.get(id) ?? staged.get(id);
        return held === undefined ? undefined : held.reverses !== undefined;
      };
      for (const entry of entries) {
        assertStorableEntry(entry);
        // An id already held is skipped, not an error: a rebuild re-emits automatic entries.
        if (byId.has(entry.id) || staged.has(entry.id)) continue;
        if (entry.reverses !== undefined) {
          if (reversalIdOf.has(entry.reverses) || stagedReversals.has(entry.reverses)) {
            throw new PointsLedgerConflictError(entry.reverses, 'already-reversed');
          }
          if (isReversal(entry.reverses) !== false) throw new PointsLedgerConflictError(entry.reverses, 'not-reversible');
          stagedReversals.set(entry.reverses, entry.id);
        }
        staged.set(entry.id, { seq: 0, id: entry.id, agentId: entry.agentId, at: entry.at, reverses: entry.reverses, json: storedForm(entry) });
      }
      // A Map iterates in insertion order: the batch's order is the ledger's.
      for (const row of staged.values()) {
        row.seq = ++lastSeq;
        byId.set(row.id, row);
        if (row.reverses !== undefined) reversalIdOf.set(row.reverses, row.id);
      }
    },

    async list(query: PointsListQuery): Promise<PointsEntry[]> {
      assertOpen();
      const { from, to, limit } = pointsListBounds(query);
      const matching = [...byId.values()].filter((row) =>
        (query.agentId === undefined || row.agentId === query.agentId)
        && (from === undefined || row.at >= from)
        && (to === undefined || row.at < to));
      matching.sort((a, b) => a.at - b.at || a.seq - b.seq);
      return matching.slice(0, limit).map(read);
    },

    async get(id: string): Promise<PointsEntry | undefined> {
      assertOpen();
      const row = byId.get(id);
      return row === undefined ? undefined : read(row);
    },

    async reversalOf(id: string): Promise<PointsEntry | undefined> {
      assertOpen();
      const reversalId = reversalIdOf.get(id);
      const row = reversalId === undefined ? undefined : byId.get(reversalId);
      return row === undefined ? undefined : read(row);
    },
  };
}
