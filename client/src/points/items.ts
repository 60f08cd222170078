/** The catalogue's items in the reader's words, and points written with their sign. */
import { POINTS_ITEMS, POINTS_ITEM_IDS, isPointsReasonCode, type PointsEntry, type PointsItemId } from '../../../shared/points.js';
import type { Locale, T } from '../i18n/index.js';
import { paramsInWords } from '../i18n/param-words.js';

export function itemName(item: PointsItemId, locale: Locale): string {
  const info = POINTS_ITEMS[item];
  return locale === 'en' ? info.en : info.zh;
}

/** What an entry is for: the item's name, or "Reversal" for a reversing entry. */
export function entryName(e: Pick<PointsEntry, 'item'>, locale: Locale, t: T): string {
  return e.item === 'reversal' ? t('points.reversal') : itemName(e.item, locale);
}

/** +5, −2, 0: the sign always shown, a true minus sign. */
export function signed(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `−${Math.abs(points)}`;
  return '0';
}

/** Rewards (article 104) and deductions (article 105), each in the policy's order. */
export const REWARD_ITEMS = POINTS_ITEM_IDS.filter((id) => POINTS_ITEMS[id].points > 0);
export const DEDUCTION_ITEMS = POINTS_ITEM_IDS.filter((id) => POINTS_ITEMS[id].points < 0);

/** The values a supervisor may give for an item: its choices (technical expert 10/6/3), or its one value. */
export function choicesOf(item: PointsItemId): readonly number[] {
  const info = POINTS_ITEMS[item];
  return 'choices' in info ? info.choices : [info.points];
}

/**
 * Why an entry was made, in the reader's words: an automatic entry by its reason code and
 * parameters. A supervisor's entry keeps the words they typed; an entry without a code
 * (written before codes existed) or with one this page does not know (a newer server)
 * shows the server's English.
 */
export function reasonText(
  e: Pick<PointsEntry, 'source' | 'reason' | 'reasonCode' | 'reasonParams'>, t: T, nameOf?: (username: string) => string | undefined,
): string {
  if (e.source !== 'auto' || !isPointsReasonCode(e.reasonCode)) return e.reason;
  const vars = paramsInWords(t, e.reasonParams);
  // A person named in the reason (who called a false alarm) by their name, as everywhere else.
  if (nameOf !== undefined && typeof vars.who === 'string') vars.who = nameOf(vars.who) ?? vars.who;
  return t(`points.reason.${e.reasonCode}`, vars);
}
