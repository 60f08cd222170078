/**
 * SQLite's side of the access rows: how it stores a boolean, and its duplicate-key error
 * as the DuplicateRecordError every backend raises. The rows themselves are ../rows.ts.
 */
import type { FlagColumn } from '../rows.js';
import { DuplicateRecordError } from '../store-rules.js';

/** SQLite has no boolean: 1 is true, 0 false. */
export const SQLITE_FLAG: FlagColumn<0 | 1> = { write: (value) => (value ? 1 : 0), read: (stored) => stored === 1 };

/**
 * Runs a write, turning SQLite's "UNIQUE constraint failed: access_devices.token_hash"
 * into the DuplicateRecordError the memory store raises for the same clash.
 */
export function unlessDuplicate<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      const column = /constraint failed: \w+\.(\w+)/.exec((error as Error).message)?.[1] ?? 'key';
      throw new DuplicateRecordError(what, column.replace(/_/g, ' '), { cause: error });
    }
    throw error;
  }
}
