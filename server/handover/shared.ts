/** Handovers for a floor served from PostgreSQL: the shared store, with what the side file still held copied in. */
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { isInMemoryPath, type SharedFileOptions } from '../storage/sqlite/open.js';
import { copyHandoversTo } from './copy-to-postgres.js';
import { openPostgresHandovers, type PostgresHandovers } from './postgres-store.js';
import { readSqliteHandovers } from './sqlite-store.js';

export async function openSharedHandovers(url: string, sideFile: string, side: SharedFileOptions, logger: Logger): Promise<PostgresHandovers> {
  const shared = await openPostgresHandovers({ url, onIdleError: (err) => logger.warn({ err }, 'postgres: an idle connection broke') });
  try {
    if (!isInMemoryPath(sideFile) && existsSync(sideFile)) await copyHandoversTo(shared.store, readSqliteHandovers(sideFile, side), logger);
  } catch (error) {
    await shared.store.close();
    throw error;
  }
  return shared;
}
