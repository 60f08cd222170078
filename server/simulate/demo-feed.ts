/**
 * `floorwatch serve --demo`: the server feeds itself a simulated floor, live, through the
 * same ingest service HTTP feeds use (validation, idempotence, durability), so the demo
 * exercises the real path. Returns the function that stops it.
 */
import type { Logger } from 'pino';
import type { IngestService } from '../ingest/ingest-service.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import { createLiveSimulation } from './live.js';
import type { PlanToPost } from './post-plan.js';

export interface DemoFeedOptions {
  ingest: IngestService;
  logger: Logger;
  agents: number;
  seed: number;
  breachRate?: number;
  /** The rules in force, so the simulated floor keeps (and breaks) the ones the server checks. */
  rules?: RulesConfig;
  /**
   * Imports each simulated shift's plan before its events (the server posts it to its own
   * /api/v1/schedule/import with the demo's feed token), so the wallboard shows adherence
   * and the shift change brings a handover.
   */
  postPlan?: (plan: PlanToPost) => Promise<unknown>;
  /** The calls the floor holds open at the start (a previous run's): the demo ends them first. */
  leftoverCalls?: readonly string[];
}

/** Starts feeding at once; the returned function stops it (its promise settles once the last send has). */
export function startDemoFeed({ ingest, logger, agents, seed, breachRate, rules, postPlan, leftoverCalls }: DemoFeedOptions): () => Promise<void> {
  const live = createLiveSimulation({
    agents,
    ...(leftoverCalls !== undefined && { leftoverCalls }),
    seed,
    breachRate,
    ...(rules !== undefined && { rules }),
    ...(postPlan && {
      onPlan: async (plan: PlanToPost) => {
        try {
          await postPlan(plan);
          logger.info({ shifts: plan.shifts.length, leads: plan.leads.length }, 'demo feed: plan imported');
        } catch (err) {
          // The floor still runs without a plan; adherence and the plan's rules just stay quiet.
          logger.warn({ err }, 'demo feed: the plan could not be imported');
        }
      },
    }),
    send: async (batch) => {
      const result = await ingest.ingestBatch(batch);
      // The simulator writes the contract; a rejection means the two drifted apart.
      if (result.rejected > 0) logger.warn({ rejected: result.rejected, first: result.errors[0] }, 'demo feed: events rejected');
      return result;
    },
    onRetry: ({ attempt, delayMs, error }) => logger.warn({ attempt, delayMs, error }, 'demo feed: ingest failed, retrying'),
    onShift: ({ shift, sent }) => logger.info({ shift, sent }, 'demo feed: simulated shift over, next one starting'),
    onError: (err) => logger.error({ err }, 'demo feed stopped'),
  });
  live.start();
  logger.info({ agents, seed }, 'demo feed started: the floor shown is simulated');
  return () => live.stop();
}
