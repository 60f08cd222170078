import type { Command } from 'commander';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { loadRulesFile } from '../config/rules-file.js';
import { formatReport } from '../replay/format-report.js';
import { readEventsFile } from '../replay/read-events-file.js';
import { replayEvents } from '../replay/replay.js';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('run a recorded event file (NDJSON of the v1 contract) through the engine on a virtual clock')
    .argument('<file>', 'the event file')
    .option('--json', 'print one JSON document (alerts, queues, agents, floor, compliance)')
    .option('--rules <file>', 'rules file to try (default: the policy defaults)')
    .action(async (file: string, o: { json?: boolean; rules?: string }) => {
      const rules = o.rules ? loadRulesFile(o.rules) : defaultRulesConfig();
      const { events, errors } = await readEventsFile(file);
      for (const e of errors) {
        process.stderr.write(`${file}: line ${e.index + 1}: ${e.field}: ${e.reason}\n`);
      }
      const report = replayEvents(events, rules);
      const output = o.json ? JSON.stringify({ ...report, rejected: errors }, null, 2) : formatReport(report);
      process.stdout.write(`${output}\n`);
    });
}
