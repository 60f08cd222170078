/**
 * The ledger as CSV, one row per entry, for the centre's HR spreadsheet. Times are the
 * centre's local wall time with the offset (what HR reads, and unambiguous). `id`,
 * `reverses` and `reversedBy` let a reader pair a reversal with what it cancels.
 */
import { stringify } from 'csv-stringify/sync';
import type { PointsEntry } from '../../shared/points.js';
import { localIso } from './quarters.js';

export const POINTS_CSV_COLUMNS = [
  'id', 'agent', 'at', 'item', 'article', 'points', 'reason', 'author', 'source', 'reverses', 'reversedBy', 'evidence',
] as const;

export function pointsCsv(entries: PointsEntry[], tz: string): string {
  const rows = entries.map((e) => [
    cell(e.id),
    cell(e.agentId),
    localIso(e.at, tz),
    e.item,
    e.article,
    e.points,
    cell(e.reason),
    cell(e.author),
    e.source,
    cell(e.reverses ?? ''),
    cell(e.reversedBy ?? ''),
    cell(e.evidence.join(' ')),
  ]);
  return stringify(rows, { header: true, columns: [...POINTS_CSV_COLUMNS] });
}

/**
 * Spreadsheets run a text cell starting with = + - @ (or a tab / CR) as a formula; a reason
 * typed as "=HYPERLINK(...)" must not become one on HR's machine (OWASP CSV injection).
 * Points stay numbers: a -2 is data, not a formula.
 */
function cell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
