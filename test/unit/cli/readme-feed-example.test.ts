/**
 * README "Connecting a feed": the NDJSON example is valid and leaves nothing behind (it
 * used to leave agent 1023 logged in and call c-77 waiting for ever on the floor it was
 * tried on).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBatch } from '../../../server/ingest/parse-batch.js';
import { replayEvents } from '../../../server/replay/replay.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';

const README = fs.readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');

describe('the README feed example', () => {
  it('is valid, and ends with the call ended and the agent logged out', () => {
    const section = README.slice(README.indexOf('## Connecting a feed'));
    const body = /<<'NDJSON'\n([\s\S]*?)\nNDJSON\n/.exec(section)?.[1];
    const { events, errors } = validateBatch(body!.split('\n').map((line) => JSON.parse(line) as unknown));
    expect(errors).toEqual([]);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['call.ended', 'agent.logout']);
    const report = replayEvents(events, defaultRulesConfig());
    expect(Object.values(report.queues).map((q) => q.waiting)).toEqual([0]);
    expect(Object.values(report.agents).map((a) => a.state)).toEqual(['logged_out']);
  });
});
