/** Per-channel health and delivery counters, kept in the database so a restart keeps them. */
import type Database from 'better-sqlite3';
import type { ChannelHealth } from '../../../shared/notify.js';

export interface HealthTable {
  success(channelId: string, now: number, wasRetry: boolean): void;
  failure(channelId: string, now: number, error: string, wasRetry: boolean, gaveUp: boolean): void;
  /** A dead letter sent again counts as a retry of it. */
  get(channelId: string): ChannelHealth;
  all(): ChannelHealth[];
}

interface Row {
  channel_id: string; sent: number; failed: number; retried: number; dead: number; consecutive_failures: number;
  last_success_at: number | null; last_failure_at: number | null; last_error: string | null;
}

const empty = (channelId: string): ChannelHealth => ({ channelId, sent: 0, failed: 0, retried: 0, dead: 0, consecutiveFailures: 0 });

function fromDb(r: Row): ChannelHealth {
  return {
    channelId: r.channel_id, sent: r.sent, failed: r.failed, retried: r.retried, dead: r.dead, consecutiveFailures: r.consecutive_failures,
    ...(r.last_success_at !== null && { lastSuccessAt: r.last_success_at }),
    ...(r.last_failure_at !== null && { lastFailureAt: r.last_failure_at }),
    ...(r.last_error !== null && { lastError: r.last_error }),
  };
}

export function createHealthTable(db: Database.Database): HealthTable {
  const ensure = db.prepare('INSERT OR IGNORE INTO notify_health (channel_id) VALUES (?)');
  const ok = db.prepare(`UPDATE notify_health SET sent = sent + 1, retried = retried + ?, consecutive_failures = 0,
    last_success_at = ? WHERE channel_id = ?`);
  const bad = db.prepare(`UPDATE notify_health SET failed = failed + 1, retried = retried + ?, dead = dead + ?,
    consecutive_failures = consecutive_failures + 1, last_failure_at = ?, last_error = ? WHERE channel_id = ?`);
  const get = db.prepare<[string], Row>('SELECT * FROM notify_health WHERE channel_id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM notify_health ORDER BY channel_id');
  return {
    success: db.transaction((channelId: string, now: number, wasRetry: boolean) => {
      ensure.run(channelId);
      ok.run(wasRetry ? 1 : 0, now, channelId);
    }),
    failure: db.transaction((channelId: string, now: number, error: string, wasRetry: boolean, gaveUp: boolean) => {
      ensure.run(channelId);
      bad.run(wasRetry ? 1 : 0, gaveUp ? 1 : 0, now, error.slice(0, 500), channelId);
    }),
    get(channelId) {
      const row = get.get(channelId);
      return row === undefined ? empty(channelId) : fromDb(row);
    },
    all: () => all.all().map(fromDb),
  };
}
