/** Paired TV displays in SQLite: the device token is kept only as its SHA-256. */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import type { AccessStore, DeviceRecord } from '../types.js';
import { compact, orNull, orUndefined, unlessDuplicate } from './rows.js';

interface DeviceRow {
  id: string;
  name: string;
  token_hash: string;
  created_at: number;
  created_by: string;
  last_seen_at: number | null;
  revoked_at: number | null;
}

const COLUMNS = 'id, name, token_hash, created_at, created_by, last_seen_at, revoked_at';

export function createSqliteDevices(connection: SqliteConnection): AccessStore['devices'] {
  const db = connection.db;
  const insert = db.prepare<[DeviceRow]>(
    `INSERT INTO access_devices (${COLUMNS})
     VALUES (@id, @name, @token_hash, @created_at, @created_by, @last_seen_at, @revoked_at)`);
  const selectById = db.prepare<[string], DeviceRow>(`SELECT ${COLUMNS} FROM access_devices WHERE id = ?`);
  const selectByTokenHash = db.prepare<[string], DeviceRow>(`SELECT ${COLUMNS} FROM access_devices WHERE token_hash = ?`);
  const selectAll = db.prepare<[], DeviceRow>(`SELECT ${COLUMNS} FROM access_devices ORDER BY created_at, id`);
  const update = db.prepare<[DeviceRow]>(
    `UPDATE access_devices SET name = @name, token_hash = @token_hash, created_at = @created_at,
       created_by = @created_by, last_seen_at = @last_seen_at, revoked_at = @revoked_at
     WHERE id = @id`);

  return {
    async create(device) {
      connection.assertOpen();
      const row = toRow(device);
      unlessDuplicate('device', () => insert.run(row));
    },
    async get(id) {
      connection.assertOpen();
      return fromRow(selectById.get(id));
    },
    async byTokenHash(tokenHash) {
      connection.assertOpen();
      return fromRow(selectByTokenHash.get(tokenHash));
    },
    async list() {
      connection.assertOpen();
      return selectAll.all().map((row) => fromRow(row) as DeviceRecord);
    },
    async update(device) {
      connection.assertOpen();
      const row = toRow(device);
      unlessDuplicate('device', () => update.run(row));
    },
  };
}

function toRow(device: DeviceRecord): DeviceRow {
  return {
    id: device.id,
    name: device.name,
    token_hash: device.tokenHash,
    created_at: device.createdAt,
    created_by: device.createdBy,
    last_seen_at: orNull(device.lastSeenAt),
    revoked_at: orNull(device.revokedAt),
  };
}

function fromRow(row: DeviceRow | undefined): DeviceRecord | null {
  if (row === undefined) return null;
  return compact({
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastSeenAt: orUndefined(row.last_seen_at),
    revokedAt: orUndefined(row.revoked_at),
  });
}
