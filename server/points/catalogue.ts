/**
 * A supervisor's entry checked against the policy's catalogue (articles 104-105): the item
 * decides the article and the points. Only items with choices (technical expert 10/6/3)
 * take a value from the supervisor, and it must be one of them; everywhere else the
 * catalogue's value is the only one accepted, so a -5 for a -1 item cannot be entered.
 */
import { POINTS_ITEMS, type PointsItemId } from '../../shared/points.js';
import { problem, type Problem } from '../../shared/problems.js';

export type PointsCheck =
  | { ok: true; points: number; article: string }
  | { ok: false; problem: Problem; field: 'points' };

export function catalogueValue(item: PointsItemId, given: number | undefined): PointsCheck {
  const entry = POINTS_ITEMS[item];
  const article = entry.article;
  const choices: readonly number[] | undefined = 'choices' in entry ? entry.choices : undefined;
  if (choices !== undefined) {
    // The rank decides the value: no silent default to the first choice.
    if (given === undefined || !choices.includes(given)) {
      return { ok: false, field: 'points', problem: problem('pointsChoice', { item, article, choices: choices.join(', ') }) };
    }
    return { ok: true, points: given, article };
  }
  if (given !== undefined && given !== entry.points) {
    return { ok: false, field: 'points', problem: problem('pointsFixed', { item, article, points: signed(entry.points) }) };
  }
  return { ok: true, points: entry.points, article };
}

export function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}
