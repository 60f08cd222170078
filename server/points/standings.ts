/**
 * Scores from the ledger, pure: the quarter's leaderboard and the annual excellence
 * candidates (article 104.8). A reversed entry and its reversal cancel out, so both are
 * left out of every sum: the scores are what stands, and rewards/deductions do not show a
 * mistaken +5 and its -5 as activity.
 */
import type { ExcellenceCandidates, LeaderboardRow, PointsEntry } from '../../shared/points.js';
import type { Quarter } from './quarters.js';

export interface AgentInfo {
  name?: string;
  teamId?: string;
}

export type AgentLookup = (agentId: string) => AgentInfo;

/** Article 104.8: at most 15% of the centre's headcount ... */
export const EXCELLENCE_SHARE = 0.15;
/** ... and at most the top three. */
export const EXCELLENCE_TOP = 3;

/** The entries that count: neither a reversal nor reversed. */
export function standingEntries(entries: PointsEntry[]): PointsEntry[] {
  return entries.filter((e) => e.reverses === undefined && e.reversedBy === undefined);
}

/**
 * One row per agent with an entry standing or in `known` (the agents who worked the
 * quarter, at 0 without entries), highest points first (ties by agent id). Ranks are
 * shared by equal scores (1, 1, 3), so a -1 ranks below everyone at 0, never first.
 * `deductions` is the sum of the negative points, so a row reads rewards + deductions = points.
 */
export function leaderboardRows(entries: PointsEntry[], lookup: AgentLookup, known: Iterable<string> = []): LeaderboardRow[] {
  const byAgent = new Map<string, { rewards: number; deductions: number }>();
  for (const agentId of known) byAgent.set(agentId, { rewards: 0, deductions: 0 });
  for (const e of standingEntries(entries)) {
    const sums = byAgent.get(e.agentId) ?? { rewards: 0, deductions: 0 };
    if (e.points > 0) sums.rewards += e.points;
    else sums.deductions += e.points;
    byAgent.set(e.agentId, sums);
  }
  const rows = [...byAgent].map(([agentId, { rewards, deductions }]) => {
    const { name, teamId } = lookup(agentId);
    return {
      agentId, ...(name !== undefined && { name }), ...(teamId !== undefined && { teamId }),
      points: rewards + deductions, rewards, deductions,
    };
  });
  rows.sort((a, b) => b.points - a.points || compareIds(a.agentId, b.agentId));
  return rows.map((row, index) => ({ rank: rankAt(rows, index), ...row }));
}

/** Competition ranking: the rank of the first row with the same points, plus one. */
function rankAt(rows: Array<{ points: number }>, index: number): number {
  let first = index;
  while (first > 0 && rows[first - 1].points === rows[index].points) first--;
  return first + 1;
}

export interface ExcellenceInput {
  year: number;
  /** The quarters that count: those of the year begun by now (all four for a past year). */
  quarters: Quarter[];
  /** The year's entries (every quarter; only those in `quarters` count). */
  entries: PointsEntry[];
  headcount: number;
  lookup: AgentLookup;
}

/**
 * The top three by average quarterly score, never more than floor(15% of headcount). The
 * average divides by every counted quarter, an agent's empty quarter being a 0: someone
 * who joined in Q4 with +6 averages 1.5 over the year, not 6. Only a positive average is
 * a candidate (an award for a net deduction would be absurd). Ties by agent id.
 */
export function excellenceCandidates(input: ExcellenceInput): ExcellenceCandidates {
  const cap = Math.floor(input.headcount * EXCELLENCE_SHARE);
  const quarterOfEntry = (at: number): Quarter | undefined => input.quarters.find((q) => at >= q.from && at < q.to);
  const scores = new Map<string, Record<string, number>>();
  for (const e of standingEntries(input.entries)) {
    const quarter = quarterOfEntry(e.at);
    if (quarter === undefined) continue;
    const byQuarter = scores.get(e.agentId) ?? Object.fromEntries(input.quarters.map((q) => [q.id, 0]));
    byQuarter[quarter.id] += e.points;
    scores.set(e.agentId, byQuarter);
  }
  const counted = input.quarters.length;
  const ranked = [...scores].map(([agentId, quarters]) => ({
    agentId,
    average: counted === 0 ? 0 : round2(Object.values(quarters).reduce((sum, q) => sum + q, 0) / counted),
    quarters,
  }))
    .filter((c) => c.average > 0)
    .sort((a, b) => b.average - a.average || compareIds(a.agentId, b.agentId));
  const candidates = ranked.slice(0, Math.min(EXCELLENCE_TOP, cap)).map((c) => {
    const { name } = input.lookup(c.agentId);
    return { agentId: c.agentId, ...(name !== undefined && { name }), average: c.average, quarters: c.quarters };
  });
  return { year: input.year, headcount: input.headcount, cap, candidates };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Agent numbers sort as numbers when they are ("999" before "1001"), else as text. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
