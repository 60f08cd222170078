/**
 * `floorwatch import` of an old file suggests `floorwatch replay` instead. For a queue_log
 * the suggestion said `floorwatch replay FILE`, which reads NDJSON and fails ("body is
 * neither a JSON array nor NDJSON"): it carries the import's --format (and the flags that
 * change how a queue_log reads), and the command it prints works.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pastEventsRefusal, replayCommandFor } from '../../../server/cli/import-command.js';
import type { FloorEvent } from '../../../shared/events.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const LOG = 'test/fixtures/queue-log/asterisk-13.queue_log';

describe('the replay an import of a past day suggests', () => {
  it('names the format, and for a queue_log what changes its reading', () => {
    expect(replayCommandFor('day.ndjson', { format: 'ndjson', timezone: 'Asia/Shanghai' }, false)).toBe('floorwatch replay day.ndjson');
    expect(replayCommandFor('/var/log/asterisk/queue_log.1', { format: 'queue_log', timezone: 'Asia/Shanghai' }, false))
      .toBe('floorwatch replay --format queue_log /var/log/asterisk/queue_log.1');
    expect(replayCommandFor('export 1.csv', { format: 'queue_log', timezone: 'UTC', agentIds: 'agents.yaml', surveyExt: '7900' }, true))
      .toBe("floorwatch replay --format queue_log --timezone UTC --agent-ids agents.yaml --survey-ext 7900 'export 1.csv'");
    expect(replayCommandFor('queue_log', { format: 'queue_log', adaptersConfig: '/etc/floorwatch/adapters.yaml' }, false))
      .toBe('floorwatch replay --format queue_log --adapters-config /etc/floorwatch/adapters.yaml queue_log');
  });

  it('is the one the refusal prints', () => {
    const events = [{ id: 'e', type: 'agent.logout', ts: Date.parse('2026-11-28T01:00:00Z'), agentId: '1', stationId: 's' }] as unknown as FloorEvent[];
    const said = pastEventsRefusal(LOG, events, Date.parse('2026-11-30T01:00:00Z'), replayCommandFor(LOG, { format: 'queue_log', timezone: 'Asia/Shanghai' }, false));
    expect(said).toContain(`To audit a past day use \`floorwatch replay --format queue_log ${LOG}\``);
  });

  it('end to end: the command printed for an old queue_log replays it', async () => {
    const cli = ['--import', 'tsx', 'server/cli/floorwatch.ts'];
    const refused = await run(process.execPath, [...cli, 'import', LOG, '--format', 'queue_log', '--url', 'http://127.0.0.1:9', '--token', 'x'], { cwd: ROOT })
      .then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(refused?.code).toBe(1);
    const suggested = /To audit a past day use `floorwatch (replay [^`]+)`/.exec(refused?.stderr ?? '')?.[1];
    expect(suggested).toBe(`replay --format queue_log ${LOG}`);
    const { stdout } = await run(process.execPath, [...cli, ...suggested!.split(' ')], { cwd: ROOT });
    expect(stdout.length).toBeGreaterThan(0);
  }, 60_000);
});
