/**
 * PostgreSQL's side of the access rows: how it stores a boolean, and its duplicate-key
 * error as the DuplicateRecordError every backend raises. The rows themselves are ../rows.ts.
 */
import type { FlagColumn } from '../rows.js';
import { DuplicateRecordError } from '../store-rules.js';

/** PostgreSQL has booleans: stored and read as they are. */
export const POSTGRES_FLAG: FlagColumn<boolean> = { write: (value) => value, read: (stored) => stored };

/** PostgreSQL's SQLSTATE for a unique or primary-key violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Runs a write, turning PostgreSQL's unique violation ("Key (token_hash)=(...) already
 * exists.") into the DuplicateRecordError the other backends raise for the same clash.
 * The message names the column, never the value (it may be a token hash).
 */
export async function unlessDuplicate<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, detail } = error as { code?: unknown; detail?: unknown };
    if (code === UNIQUE_VIOLATION) {
      const column = typeof detail === 'string' ? /^Key \((\w+)\)=/.exec(detail)?.[1] : undefined;
      throw new DuplicateRecordError(what, (column ?? 'key').replace(/_/g, ' '), { cause: error });
    }
    throw error;
  }
}
