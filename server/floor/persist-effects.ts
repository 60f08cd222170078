/** What of an input's effects is written before anyone is told of it: alerts and points. */
import type { Alert } from '../../shared/alerts.js';
import type { PointsEntry } from '../../shared/points.js';
import type { Effect } from '../engine/context.js';
import { PointsLedgerConflictError } from '../storage/points-rules.js';
import type { Storage } from '../storage/types.js';

/** Each alert's latest version, and the automatic points entries (the first of an id wins, as in the ledger). */
export async function persistEffects(storage: Pick<Storage, 'alerts' | 'points'>, effects: Effect[]): Promise<void> {
  const latest = new Map<string, Alert>();
  const points = new Map<string, PointsEntry>();
  for (const e of effects) {
    if (e.type === 'alert') latest.set(e.alert.id, e.alert);
    else if (e.type === 'points' && !points.has(e.entry.id)) points.set(e.entry.id, e.entry);
  }
  if (latest.size > 0) await storage.alerts.upsert([...latest.values()]);
  const reversals = [...points.values()].filter((p) => p.reverses !== undefined);
  const entries = [...points.values()].filter((p) => p.reverses === undefined);
  if (entries.length > 0) await storage.points.record(entries);
  // A false alarm's reversals, one at a time: an entry a supervisor reversed by hand
  // meanwhile stays reversed once, by them, and the others still go in.
  for (const reversal of reversals) {
    try {
      await storage.points.record([reversal]);
    } catch (error) {
      if (!(error instanceof PointsLedgerConflictError)) throw error;
    }
  }
}
