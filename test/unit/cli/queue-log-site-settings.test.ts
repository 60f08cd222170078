/**
 * `import` and `replay` read a queue_log with the live feed's site settings: the adapters
 * file's `queue-log` section (`--adapters-config`, as `serve` takes it) with --survey-ext
 * and --agent-ids in it. Read with other settings, a day's history disagrees with what the
 * floor saw: a pause reason as `other`, a member name as an agent of its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueLogSettings, queueLogSettingsFor, readSource } from '../../../server/cli/read-source.js';

let dir: string;
const file = (name: string, text: string): string => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-queue-log-site-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const LOG = [
  '1795827600|NONE|support|SIP/1002|ADDMEMBER|',
  '1795827601|NONE|support|SIP/1002|PAUSE|Backoffice',
].join('\n');

describe('a queue_log read with the adapters file', () => {
  it('takes its pause reasons and agent names; without it, the adapter\'s defaults', async () => {
    const log = file('day.queue_log', LOG);
    const adapters = file('adapters.yaml', 'queue-log:\n  pauseReasons:\n    Backoffice: training\n  agentNames:\n    SIP/1002: "a-2"\n');
    const settings = queueLogSettings({ adaptersConfig: adapters });
    const read = await readSource(log, { format: 'queue_log', timeZone: 'UTC', ...(settings && { queueLog: settings }) });
    expect(read.events.map((e) => [e.type, 'agentId' in e ? e.agentId : undefined, 'reason' in e ? e.reason : undefined]))
      .toEqual([['agent.login', 'a-2', undefined], ['agent.state', 'a-2', 'training']]);
    const plain = await readSource(log, { format: 'queue_log', timeZone: 'UTC' });
    expect(plain.events.map((e) => ['agentId' in e ? e.agentId : undefined, 'reason' in e ? e.reason : undefined]))
      .toEqual([['1002', undefined], ['1002', 'other']]);
  });

  it('puts --survey-ext and --agent-ids in the section, as serve does', () => {
    const adapters = file('adapters.yaml', 'queue-log:\n  queueExtensions: ["7000"]\n');
    const ids = file('agent-ids.yaml', 'Alice Tan: "1001"\n');
    expect(queueLogSettings({ adaptersConfig: adapters, surveyExt: '7900', agentIds: ids }))
      .toEqual({ queueExtensions: ['7000'], surveyExtensions: ['7900'], agentNames: { 'Alice Tan': '1001' } });
    expect(queueLogSettings({ surveyExt: '7900' })).toEqual({ surveyExtensions: ['7900'] });
    expect(queueLogSettings({})).toBeUndefined();
  });

  it('refuses a section and a flag that disagree, and a bad key, naming the file and the key', () => {
    const adapters = file('adapters.yaml', 'queue-log:\n  surveyExtensions: ["7900"]\n');
    expect(() => queueLogSettings({ adaptersConfig: adapters, surveyExt: '8000' }))
      .toThrow(/adapters\.yaml[\s\S]*queue-log\.surveyExtensions: also given by --survey-ext, with another value/);
    const misspelt = file('misspelt.yaml', 'queue-log:\n  pauseReason:\n    Lunch: meal\n');
    expect(() => queueLogSettings({ adaptersConfig: misspelt })).toThrow(/misspelt\.yaml[\s\S]*pauseReason/);
  });

  it('uses the queue-log section only: another adapter\'s survey extension does not disagree with --survey-ext', () => {
    const adapters = file('adapters.yaml', 'freeswitch:\n  surveyExtension: "9000"\nqueue-log:\n  queueExtensions: ["7000"]\n');
    expect(queueLogSettings({ adaptersConfig: adapters, surveyExt: '7900' })).toEqual({ queueExtensions: ['7000'], surveyExtensions: ['7900'] });
  });

  it('a refusal names the command, and the environment variables that gave a setting', () => {
    const misspelt = file('misspelt.yaml', 'queue-log:\n  pauseReason:\n    Lunch: meal\n');
    expect(() => queueLogSettingsFor('import', { adaptersConfig: misspelt }, (flag) => flag === 'adaptersConfig'))
      .toThrow(/^floorwatch import: .*misspelt\.yaml[\s\S]*pauseReason[\s\S]*\(set in the environment: FLOORWATCH_ADAPTERS_CONFIG\)$/);
    expect(() => queueLogSettingsFor('replay', { adaptersConfig: misspelt }, () => false)).toThrow(/^floorwatch replay: [\s\S]*pauseReason[^(]*$/);
  });
});
