/**
 * Handovers lived in each process's SQLite side file (`--db`) even when the floor was
 * served from PostgreSQL; they live in PostgreSQL now. At every start with `--postgres`,
 * those still only in the side file are copied over, so none is left behind by the upgrade
 * (each process copies its own file's; a handover already there, by id, is left as it is).
 * The side file keeps its copy: nothing is deleted.
 */
import type { Logger } from 'pino';
import { HandoverStoreConflictError, type HandoverStore } from './store.js';
import type { Handover } from '../../shared/handover.js';

export interface CopyOutcome {
  copied: number;
  /** Another handover (another id) already covers the same shift change and teams. */
  conflicting: string[];
}

export async function copyHandoversTo(target: HandoverStore, handovers: readonly Handover[], logger: Logger): Promise<CopyOutcome> {
  const outcome: CopyOutcome = { copied: 0, conflicting: [] };
  for (const handover of handovers) {
    if (await target.get(handover.id)) continue;
    try {
      await target.save(handover);
      outcome.copied += 1;
    } catch (error) {
      if (!(error instanceof HandoverStoreConflictError)) throw error;
      outcome.conflicting.push(handover.id);
    }
  }
  if (outcome.copied > 0) logger.info({ copied: outcome.copied }, 'handovers: copied from the SQLite side file to PostgreSQL');
  if (outcome.conflicting.length > 0) {
    logger.warn({ ids: outcome.conflicting }, 'handovers: left in the SQLite side file, another handover in PostgreSQL covers the same shift change and teams');
  }
  return outcome;
}
