/** Helpers for turning records into rows and back, shared by the access tables. */
import { DuplicateRecordError } from '../store-rules.js';

/** An optional field as a column value: absent is NULL. */
export function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

/** A nullable column as an optional field: NULL is absent. */
export function orUndefined<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

/**
 * Drops fields that are undefined, so a record read back has the same keys as the memory
 * store's (whose JSON round trip drops them too).
 */
export function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

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
