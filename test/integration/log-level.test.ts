/** FLOORWATCH_LOG_LEVEL chooses how much the server logs; a level it does not know stops the start, naming it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorwatchIn, logLines, serveIn } from './cli-anywhere.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('FLOORWATCH_LOG_LEVEL', () => {
  it('warn: the start logs no info lines; debug: it does, and more', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-log-level-'));
    const quiet = await serveIn(ROOT, ['--db', path.join(dir, 'a.db'), '--no-rules'], { FLOORWATCH_LOG_LEVEL: 'warn' });
    await quiet.stop();
    expect(logLines(quiet.stdout()).filter((l) => l.level === 30)).toEqual([]);
    const chatty = await serveIn(ROOT, ['--db', path.join(dir, 'b.db'), '--no-rules'], { FLOORWATCH_LOG_LEVEL: 'debug' });
    await chatty.stop();
    expect(logLines(chatty.stdout()).some((l) => l.level === 30)).toBe(true);
  }, 60_000);

  it('a level it does not know is refused, naming the variable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-log-level-'));
    const { code, stderr } = await floorwatchIn(ROOT, ['serve', '--port', '0', '--db', path.join(dir, 'c.db'), '--no-rules'], { FLOORWATCH_LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    expect(stderr).toContain('FLOORWATCH_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"');
    expect(fs.existsSync(path.join(dir, 'c.db'))).toBe(false);
  }, 30_000);
});
