/**
 * Automatic points entries (articles 104-105). The engine emits them as effects; the floor
 * writes them to the ledger where it stores alerts. Each id is derived from its cause
 * (`auto:absence:<shiftId>`, `auto:private-call:<callId>`), so a rebuild that emits them
 * again is harmless: the ledger ignores an id it already holds.
 */
import { POINTS_ITEMS, pointsReason, type PointsEntry, type PointsReasonCode, type PointsReasonParams } from '../../../shared/points.js';
import { falseAlarmBy, type Alert } from '../../../shared/alerts.js';
import { copyAlert, notePointsTaken, pointsTakenOf } from '../alerts.js';
import type { Ctx } from '../context.js';

/** The items the engine detects itself (the catalogue's `auto` ones). */
export type AutoItem = 'full-attendance' | 'little-bee' | 'absence' | 'private-call' | 'leaving-seat' | 'unarranged-meal' | 'polite-language';

export interface Award {
  item: AutoItem;
  agentId: string;
  /** What caused it, unique per item: the entry's id is `auto:<item>:<cause>`. */
  cause: string;
  /** When it happened (the month and quarter it counts in). */
  at: number;
  /**
   * Why, as a code: the entry carries it with its English text, so the ledger can say it
   * in the reader's language (shared/points.ts POINTS_REASONS).
   */
  reasonCode: PointsReasonCode;
  reasonParams?: PointsReasonParams;
  evidence: string[];
}

export function pointsEntryId(item: AutoItem, cause: string): string {
  return `auto:${item}:${cause}`;
}

/** Emits the entry unless points (or this item) are switched off in the rules; returns it when emitted. */
export function award(ctx: Ctx, a: Award): PointsEntry | undefined {
  const config = ctx.state.rules.points;
  if (!config.enabled || !config.items[a.item]) return undefined;
  const item = POINTS_ITEMS[a.item];
  const entry: PointsEntry = {
    id: pointsEntryId(a.item, a.cause),
    agentId: a.agentId,
    at: a.at,
    points: item.points,
    item: a.item,
    article: item.article,
    ...pointsReason(a.reasonCode, a.reasonParams),
    evidence: a.evidence.filter((e) => e !== ''),
    author: 'system',
    source: 'auto',
    // Engine time, not the wall clock: a rebuild writes the very same entry.
    recordedAt: ctx.now,
  };
  ctx.effects.push({ type: 'points', entry });
  notePointsTaken(ctx, entry);
  return entry;
}

/**
 * A person resolved `alert` as a false alarm (`by`): the breach did not happen, so the
 * automatic entries it proposed are reversed, dated like them (the same month and
 * quarter). Their ids come from what they reverse, so a rebuild writes the same ones; one
 * a supervisor reversed by hand meanwhile is left as it is (persistEffects).
 */
export function reversePointsTaken(ctx: Ctx, alert: Alert, by: string, stored: readonly Alert[] = []): void {
  for (const taken of alert.pointsTaken ?? []) {
    const entry: PointsEntry = {
      id: `auto:reversal:${taken.entryId}`,
      agentId: taken.agentId,
      at: taken.at,
      points: -taken.points,
      item: 'reversal',
      article: taken.article,
      ...pointsReason('falseAlarm', { alert: alert.id, who: by }),
      evidence: [alert.id],
      author: by,
      source: 'auto',
      reverses: taken.entryId,
      recordedAt: ctx.now,
    };
    ctx.effects.push({ type: 'points', entry });
    if (taken.entryId.startsWith(`${pointsEntryId('polite-language', '')}`)) deductAgainForStandingBreach(ctx, alert, taken.agentId, stored);
  }
}

/** What each polite-language rule's breach is called in the ledger. */
const POLITE_BREACHES: Partial<Record<string, 'greetingMissing' | 'forbiddenPhrase'>> = { greeting: 'greetingMissing', 'forbidden-phrases': 'forbiddenPhrase' };

/**
 * 105.7 is one deduction per agent per call, proposed for the call's first breach. When
 * that breach was a false alarm but another of the agent's on the call still stands (a
 * forbidden phrase after a greeting that was in fact right), the point is due for that one:
 * a live alert, or one already resolved (`stored`, as the floor read it) that nobody called
 * a false alarm. A resolved one is sent again remembering the point, so a false alarm on it
 * later gives that back too.
 */
function deductAgainForStandingBreach(ctx: Ctx, falseAlarm: Alert, agentId: string, stored: readonly Alert[]): void {
  if (falseAlarm.callId === undefined) return;
  const resolved = stored.filter((a) => !ctx.state.alerts.has(a.id) && falseAlarmBy(a) === undefined);
  for (const other of [...ctx.state.alerts.values(), ...resolved]) {
    const why = POLITE_BREACHES[other.rule];
    if (why === undefined || other.callId !== falseAlarm.callId || other.agentId !== agentId || other.id === falseAlarm.id) continue;
    const entry = award(ctx, {
      item: 'polite-language', agentId, cause: `${falseAlarm.callId}:${agentId}:${other.id}`, at: ctx.now, reasonCode: why, evidence: [other.id],
    });
    if (entry !== undefined && !ctx.state.alerts.has(other.id)) {
      ctx.effects.push({ type: 'alert', alert: { ...copyAlert(other), updatedAt: ctx.now, pointsTaken: [...(other.pointsTaken ?? []), pointsTakenOf(entry)] } });
    }
    return;
  }
}

/**
 * Article 105.7: the prescribed polite language not used (a forbidden phrase, or an opening
 * without the greeting). One deduction per agent per call, whichever breach came first:
 * after a transfer, the agent who took the call answers for their own words.
 */
export function deductPoliteLanguage(
  ctx: Ctx, callId: string, agentId: string, why: 'greetingMissing' | 'forbiddenPhrase', evidence: string[],
): void {
  const call = ctx.state.calls.get(callId);
  if (call?.politeDeducted === true || call?.politeDeductedAgents?.includes(agentId)) return;
  if (call) call.politeDeductedAgents = [...(call.politeDeductedAgents ?? []), agentId];
  // The call's first deduction keeps the id it always had; another agent's on the same call is its own.
  const cause = call?.politeDeductedAgents?.[0] === agentId || call === undefined ? callId : `${callId}:${agentId}`;
  award(ctx, { item: 'polite-language', agentId, cause, at: ctx.now, reasonCode: why, evidence });
}
