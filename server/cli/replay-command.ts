import { Option, type Command } from 'commander';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { loadRulesFile } from '../config/rules-file.js';
import { formatReport } from '../replay/format-report.js';
import { readScheduleFile } from '../replay/read-schedule-file.js';
import { replayEvents } from '../replay/replay.js';
import { queueLogSettingsFor, readSource, shortfallLine, siteFlagOptions, SOURCE_FORMATS, type SourceFormat } from './read-source.js';
import { checkReadable } from './cli-files.js';

interface ReplayFlags { json?: boolean; rules?: string; schedule?: string; format: SourceFormat; surveyExt?: string; agentIds?: string; adaptersConfig?: string; timezone?: string }

export function registerReplay(program: Command): void {
  const replayCommand = program
    .command('replay')
    .description('run a recorded file (v1 NDJSON, or an Asterisk queue_log) through the engine on a virtual clock')
    .argument('<file>', 'the recorded file')
    .option('--json', 'print one JSON document (alerts, queues, agents, floor, compliance)')
    .option('--rules <file>', 'rules file to try (default: the policy defaults)')
    .option('--schedule <file>', "the day's plan (shifts, breaks, lead duties): .csv, .yaml/.yml or .json, as the schedule import reads it")
    .addOption(new Option('--format <format>', 'what the file holds').choices(SOURCE_FORMATS).default('ndjson'));
  for (const option of siteFlagOptions()) replayCommand.addOption(option);
  replayCommand
    .option('--timezone <zone>', "queue_log DB exports: the zone of their local times (default: the rules' time zone)")
    .action(async (file: string, o: ReplayFlags, command: Command) => {
      // Each file it will read, before anything: "cannot read FILE: no such file", not Node's ENOENT.
      // The site's files only for a queue_log: set in the environment for serve, they must not stop an NDJSON replay.
      const siteFiles = o.format === 'queue_log' ? [o.agentIds, o.adaptersConfig] : [];
      for (const f of [file, o.rules, o.schedule, ...siteFiles]) if (f !== undefined) checkReadable('replay', f);
      const rules = o.rules ? loadRulesFile(o.rules) : defaultRulesConfig();
      // The plan first: a bad plan file stops the replay before any work, as the import refuses it whole.
      const plan = o.schedule === undefined ? undefined : readScheduleFile(o.schedule, rules.timezone);
      if (plan && !plan.ok) {
        const n = plan.problems.length;
        process.stderr.write(`floorwatch replay: ${n} problem${n === 1 ? '' : 's'} in ${o.schedule}; nothing was replayed\n`);
        for (const p of plan.problems) process.stderr.write(`${p}\n`);
        process.exitCode = 1;
        return;
      }
      // Before the file is read: a bad adapters file stops it, naming the file and the key.
      const queueLog = o.format === 'queue_log' ? queueLogSettingsFor('replay', o, (flag) => command.getOptionValueSource(flag) === 'env') : undefined;
      const { events, problems, unreadable, warnings } = await readSource(file, {
        format: o.format, timeZone: o.timezone ?? rules.timezone, ...(queueLog !== undefined && { queueLog }),
      });
      for (const p of [...problems, ...warnings]) process.stderr.write(`${p}\n`);
      const report = replayEvents(events, rules, plan?.plan);
      const output = o.json ? JSON.stringify({ ...report, problems }, null, 2) : formatReport(report);
      process.stdout.write(`${output}\n`);
      // The report is still worth reading, but it is not the whole file: a script must see that.
      const shortfall = shortfallLine('replay', file, { unreadable, refused: 0, listed: problems.length });
      if (shortfall !== undefined) {
        process.stderr.write(`${shortfall}\n`);
        process.exitCode = 1;
      }
    });
}
