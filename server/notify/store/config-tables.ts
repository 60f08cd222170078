/**
 * Channels, recipients and routes in the database: each a JSON document under its id,
 * with where it came from (the configuration file or the admin page). Validation happens
 * before anything gets here (shared/notify.ts schemas); these are plain reads and writes.
 */
import type Database from 'better-sqlite3';
import type { ChannelConfig, ChannelSource, RecipientConfig, RouteConfig } from '../../../shared/notify.js';

export interface Stored<T> {
  config: T;
  source: ChannelSource;
  updatedAt: number;
}

export interface ConfigTable<T extends { id: string }> {
  list(): Stored<T>[];
  get(id: string): Stored<T> | undefined;
  put(config: T, source: ChannelSource, now: number): void;
  /** True when there was one. */
  delete(id: string): boolean;
}

interface Row {
  id: string;
  config: string;
  source: ChannelSource;
  updated_at: number;
}

function configTable<T extends { id: string }>(db: Database.Database, table: string): ConfigTable<T> {
  const list = db.prepare<[], Row>(`SELECT * FROM ${table} ORDER BY id`);
  const get = db.prepare<[string], Row>(`SELECT * FROM ${table} WHERE id = ?`);
  const put = db.prepare(`INSERT INTO ${table} (id, config, source, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET config = excluded.config, source = excluded.source, updated_at = excluded.updated_at`);
  const del = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  const read = (row: Row): Stored<T> => ({ config: JSON.parse(row.config) as T, source: row.source, updatedAt: row.updated_at });
  return {
    list: () => list.all().map(read),
    get(id) {
      const row = get.get(id);
      return row === undefined ? undefined : read(row);
    },
    put(config, source, now) {
      put.run(config.id, JSON.stringify(config), source, now);
    },
    delete: (id) => del.run(id).changes > 0,
  };
}

export interface ConfigTables {
  channels: ConfigTable<ChannelConfig>;
  recipients: ConfigTable<RecipientConfig>;
  routes: ConfigTable<RouteConfig>;
}

export function createConfigTables(db: Database.Database): ConfigTables {
  return {
    channels: configTable<ChannelConfig>(db, 'notify_channels'),
    recipients: configTable<RecipientConfig>(db, 'notify_recipients'),
    routes: configTable<RouteConfig>(db, 'notify_routes'),
  };
}
