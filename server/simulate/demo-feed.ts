/**
 * `floorwatch serve --demo`: the server feeds itself a simulated floor, live, through the
 * same ingest service HTTP feeds use (validation, idempotence, durability), so the demo
 * exercises the real path. Returns the function that stops it.
 */
import type { Logger } from 'pino';
import type { IngestService } from '../ingest/ingest-service.js';
import { createLiveSimulation } from './live.js';

export interface DemoFeedOptions {
  ingest: IngestService;
  logger: Logger;
  agents: number;
  seed: number;
  breachRate?: number;
}

/** Starts feeding at once; the returned function stops it (its promise settles once the last send has). */
export function startDemoFeed({ ingest, logger, agents, seed, breachRate }: DemoFeedOptions): () => Promise<void> {
  const live = createLiveSimulation({
    agents,
    seed,
    breachRate,
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
