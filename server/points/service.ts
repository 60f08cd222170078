/**
 * The points ledger as people use it (articles 104-105): supervisors' entries checked
 * against the catalogue, reversals (never deletions), the quarter's leaderboard and the
 * year's excellence candidates in the centre's time zone, and the CSV export. The
 * engine's automatic entries reach the ledger through the floor, not through here.
 *
 * Every write is audited with who and from where. Reads are cut to the viewer's scope.
 */
import { randomUUID } from 'node:crypto';
import {
  manualPointsInput, reversePointsInput, type ExcellenceCandidates, type Leaderboard, type PointsEntry,
} from '../../shared/points.js';
import type { Viewer } from '../access/principal.js';
import type { FloorService } from '../floor/types.js';
import type { Actor, Auditor } from '../http/command-handlers.js';
import { PointsLedgerConflictError } from '../storage/points-rules.js';
import type { PointsLedger } from '../storage/types.js';
import { agentDirectory, agentsIn, knowsAgent, type AgentDirectory } from './agents.js';
import { catalogueValue } from './catalogue.js';
import { pointsCsv } from './csv.js';
import { invalid, refuse, type PointsOutcome } from './outcome.js';
import { parseQuarter, quarterOf, quartersOfYear, yearOf } from './quarters.js';
import { mayWrite, readScope } from './scope.js';
import { excellenceCandidates, leaderboardRows, standingEntries } from './standings.js';
import { problem } from '../../shared/problems.js';

/** A supervisor may date an entry a little ahead of the server's clock (their watch), not more. */
export const FUTURE_SLACK_MS = 5 * 60 * 1000;

export interface PointsServiceDeps {
  ledger: PointsLedger;
  floor: Pick<FloorService, 'rules' | 'agent' | 'schedule' | 'snapshot'>;
  audit: Auditor;
  clock: { now(): number };
  newId?: () => string;
}

export interface PointsQuery {
  agentId?: string;
  from?: number;
  to?: number;
}

export interface PointsService {
  list(viewer: Viewer, query: PointsQuery): Promise<PointsOutcome<PointsEntry[]>>;
  record(actor: Actor, input: unknown): Promise<PointsOutcome<PointsEntry>>;
  reverse(actor: Actor, entryId: string, input: unknown): Promise<PointsOutcome<PointsEntry>>;
  /** `2026-Q4`; the current quarter in the centre's time zone when absent. */
  leaderboard(viewer: Viewer, quarter?: string): Promise<PointsOutcome<Leaderboard>>;
  /** The current year in the centre's time zone when absent. */
  excellence(viewer: Viewer, year?: number): Promise<PointsOutcome<ExcellenceCandidates>>;
  exportCsv(actor: Actor, query: Omit<PointsQuery, 'agentId'>): Promise<PointsOutcome<string>>;
}

const NOT_YOURS = problem('pointsReaders');
const WRITE_ROLES_ONLY = problem('pointsWriters');

export function createPointsService(deps: PointsServiceDeps): PointsService {
  const { ledger, floor, audit, clock } = deps;
  const newId = deps.newId ?? randomUUID;
  const tz = (): string => floor.rules().timezone;
  /** Reversals one at a time: the check "not reversed yet" and the write belong together. */
  let writing: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = writing.then(fn);
    writing = run.catch(() => undefined);
    return run;
  };

  /** Drops what the viewer may not read; undefined when they may read nothing. */
  function visible<T>(viewer: Viewer, items: T[], agentOf: (item: T) => string, directory: AgentDirectory): T[] | undefined {
    const scope = readScope(viewer);
    if (scope.kind === 'none') return undefined;
    if (scope.kind === 'all') return items;
    return items.filter((item) => {
      const teamId = directory.info(agentOf(item)).teamId;
      return teamId !== undefined && scope.teams.has(teamId);
    });
  }

  function auditOf(actor: Actor, action: string, target: string, detail: Record<string, unknown>): Promise<unknown> {
    return audit.record({ actor: actor.viewer.id, action, target, ...(actor.ip !== undefined && { ip: actor.ip }), detail });
  }

  async function readEntries(viewer: Viewer, query: PointsQuery): Promise<PointsOutcome<PointsEntry[]>> {
    const directory = agentDirectory(floor, clock.now());
    const scope = readScope(viewer);
    if (scope.kind === 'none') return refuse(403, NOT_YOURS);
    if (query.agentId !== undefined && scope.kind === 'teams') {
      const teamId = directory.info(query.agentId).teamId;
      if (teamId === undefined || !scope.teams.has(teamId)) return refuse(403, problem('agentNotYours', { agentId: query.agentId }), 'agentId');
    }
    const entries = await ledger.list(query);
    return { ok: true, value: visible(viewer, entries, (e) => e.agentId, directory) ?? [] };
  }

  return {
    list: readEntries,

    async record(actor, input) {
      if (!mayWrite(actor.viewer)) return refuse(403, WRITE_ROLES_ONLY);
      const parsed = manualPointsInput.safeParse(input);
      if (!parsed.success) return invalid(parsed.error.issues);
      const { agentId, item, reason, evidence } = parsed.data;
      const value = catalogueValue(item, parsed.data.points);
      if (!value.ok) return refuse(400, value.problem, value.field);
      const now = clock.now();
      const at = parsed.data.at ?? now;
      if (at > now + FUTURE_SLACK_MS) return refuse(400, problem('pointsFuture'), 'at');
      // Points for nobody (a typo) would stand in the ledger and top the leaderboard.
      if (!(await knowsAgent(floor, ledger, agentId))) return refuse(400, problem('pointsAgentUnknown', { agentId }), 'agentId');
      const entry: PointsEntry = {
        id: newId(), agentId, at, points: value.points, item, article: value.article, reason, evidence,
        author: usernameOf(actor.viewer), source: 'manual', recordedAt: now,
      };
      await ledger.record([entry]);
      await auditOf(actor, 'points-recorded', entry.id, { agentId, item, article: entry.article, points: entry.points, at });
      return { ok: true, value: entry };
    },

    reverse(actor, entryId, input) {
      return serial(async (): Promise<PointsOutcome<PointsEntry>> => {
        if (!mayWrite(actor.viewer)) return refuse(403, WRITE_ROLES_ONLY);
        const parsed = reversePointsInput.safeParse(input);
        if (!parsed.success) return invalid(parsed.error.issues);
        const entry = await ledger.get(entryId);
        if (entry === undefined) return refuse(404, problem('pointsEntryNotFound', { id: entryId }), 'id');
        if (entry.reverses !== undefined) return refuse(409, problem('pointsEntryIsReversal', { id: entryId, of: entry.reverses }), 'id');
        if (entry.reversedBy !== undefined) return refuse(409, problem('pointsEntryReversed', { id: entryId, by: entry.reversedBy }), 'id');
        const now = clock.now();
        // Dated like the entry it cancels, so the two fall in the same month and quarter.
        const reversal: PointsEntry = {
          id: newId(), agentId: entry.agentId, at: entry.at, points: -entry.points, item: 'reversal', article: entry.article,
          reason: parsed.data.reason, evidence: [entry.id], author: usernameOf(actor.viewer), source: 'manual',
          reverses: entry.id, recordedAt: now,
        };
        try {
          await ledger.record([reversal]);
        } catch (error) {
          // Another process sharing the database got there first.
          if (error instanceof PointsLedgerConflictError) return refuse(409, error.message, 'id');
          throw error;
        }
        await auditOf(actor, 'points-reversed', entry.id, { reversal: reversal.id, agentId: entry.agentId, points: reversal.points, reason: reversal.reason });
        return { ok: true, value: reversal };
      });
    },

    async leaderboard(viewer, quarterId) {
      const quarter = quarterId === undefined ? quarterOf(clock.now(), tz()) : parseQuarter(quarterId, tz());
      if (quarter === undefined) return refuse(400, problem('pointsQuarter'), 'quarter');
      const now = clock.now();
      const directory = agentDirectory(floor, now);
      const rows = leaderboardRows(
        await ledger.list({ from: quarter.from, to: quarter.to }), (id) => directory.info(id), agentsIn(floor, quarter.from, quarter.to, now),
      );
      // A lead sees their agents' rows with their floor-wide ranks.
      const shown = visible(viewer, rows, (row) => row.agentId, directory);
      if (shown === undefined) return refuse(403, NOT_YOURS);
      return { ok: true, value: { quarter: quarter.id, from: quarter.from, to: quarter.to, rows: shown } };
    },

    async excellence(viewer, yearGiven) {
      const now = clock.now();
      const year = yearGiven ?? yearOf(now, tz());
      const quarters = quartersOfYear(year, tz());
      const from = quarters[0].from;
      const to = quarters[3].to;
      const entries = await ledger.list({ from, to });
      const directory = agentDirectory(floor, now);
      const result = excellenceCandidates({
        year,
        // Only quarters begun count: mid-year the averages are provisional, not diluted by quarters to come.
        quarters: quarters.filter((q) => q.from <= now),
        entries,
        headcount: headcountOf(entries, agentsIn(floor, from, to, now)),
        lookup: (id) => directory.info(id),
      });
      const shown = visible(viewer, result.candidates, (c) => c.agentId, directory);
      if (shown === undefined) return refuse(403, NOT_YOURS);
      return { ok: true, value: { ...result, candidates: shown } };
    },

    async exportCsv(actor, query) {
      const read = await readEntries(actor.viewer, query);
      if (!read.ok) return read;
      await auditOf(actor, 'points-exported', 'points', { ...query, rows: read.value.length });
      return { ok: true, value: pointsCsv(read.value, tz()) };
    },
  };
}

/**
 * The centre's headcount for the 15% cap: the agents the leaderboard ranks in any quarter
 * of the year (a shift of the plan, seen on the floor, or an entry still standing), so the
 * two pages count the same people. (The centre has no staff register of its own here;
 * these are who demonstrably worked the floor.)
 */
export function headcountOf(entries: PointsEntry[], known: Iterable<string>): number {
  return new Set([...standingEntries(entries).map((e) => e.agentId), ...known]).size;
}

function usernameOf(viewer: Viewer): string {
  return viewer.kind === 'user' ? viewer.username : viewer.id;
}
