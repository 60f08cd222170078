/**
 * Fresh database files for a test file: each call makes a folder of its own under the
 * system's temp dir, and every folder is removed after the file's tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export function tempDbFiles(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `floorwatch-${prefix}-`));
    dirs.push(dir);
    return join(dir, 'floor.db');
  };
}
