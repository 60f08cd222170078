/**
 * Handovers in memory: the same contract as SQLite (sqlite-store.ts), for tests. Kept as
 * JSON text, as SQLite keeps them, so both hand back fresh objects.
 */
import type { Handover } from '../../shared/handover.js';
import {
  CONFIRMED_IS_FINAL, HandoverStoreConflictError, checkedBounds, handoverLimit, newestFirst, searchText, teamKey,
  type HandoverQuery, type HandoverStore,
} from './store.js';

interface Row {
  handover: string;
  key: string;
  searchText: string;
}

export function createMemoryHandoverStore(): HandoverStore {
  const rows = new Map<string, Row>();
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new Error('memory handover store is closed');
  };

  return {
    async save(handover) {
      assertOpen();
      const held = rows.get(handover.id);
      if (held !== undefined && (JSON.parse(held.handover) as Handover).status === 'confirmed') {
        throw new HandoverStoreConflictError(CONFIRMED_IS_FINAL);
      }
      const key = `${handover.shiftChangeAt}|${teamKey(handover.teamIds)}`;
      for (const [id, row] of rows) {
        if (id !== handover.id && row.key === key) {
          throw new HandoverStoreConflictError(`handover ${id} already covers this shift change and these teams`);
        }
      }
      rows.set(handover.id, { handover: JSON.stringify(handover), key, searchText: searchText(handover) });
    },

    async get(id) {
      assertOpen();
      const row = rows.get(id);
      return row === undefined ? undefined : (JSON.parse(row.handover) as Handover);
    },

    async search(query: HandoverQuery) {
      assertOpen();
      const limit = handoverLimit(query.limit);
      const { from, to } = checkedBounds(query);
      const needle = query.q?.toLowerCase();
      const statuses = query.status === undefined ? undefined : new Set(query.status);
      const found = [...rows.values()]
        .filter((row) => needle === undefined || row.searchText.includes(needle))
        .map((row) => JSON.parse(row.handover) as Handover)
        .filter((h) =>
          (statuses === undefined || statuses.has(h.status))
          && (query.teamId === undefined || h.teamIds.includes(query.teamId))
          && (from === undefined || h.shiftChangeAt >= from)
          && (to === undefined || h.shiftChangeAt < to));
      return found.sort(newestFirst).slice(0, limit);
    },

    async close() {
      closed = true;
    },
  };
}
