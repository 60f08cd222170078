import { Option, type Command } from 'commander';
import type { IngestResult } from '../../shared/ingest.js';
import { readSource, SOURCE_FORMATS, type SourceFormat } from './read-source.js';

const CHUNK = 2000;

/** Loads a recorded file into a running server (history into its log and alert store). */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('send a recorded file (v1 NDJSON, or an Asterisk queue_log) to a running server; safe to repeat')
    .argument('<file>')
    .addOption(new Option('--format <format>', 'what the file holds').choices(SOURCE_FORMATS).default('ndjson'))
    .requiredOption('--url <url>', 'the server, e.g. http://127.0.0.1:8080')
    .addOption(new Option('--token <token>', 'a feed token').env('FLOORWATCH_FEED_TOKEN').makeOptionMandatory())
    .option('--timezone <zone>', 'queue_log DB exports: the zone of their local times', 'Asia/Shanghai')
    .option('--survey-ext <extension>', "queue_log: the satisfaction survey's extension")
    .action(async (file: string, o: { format: SourceFormat; url: string; token: string; timezone: string; surveyExt?: string }) => {
      const { events, problems } = await readSource(file, {
        format: o.format, timeZone: o.timezone, ...(o.surveyExt !== undefined && { surveyExtension: o.surveyExt }),
      });
      for (const p of problems) process.stderr.write(`${p}\n`);
      const total = { accepted: 0, duplicates: 0, rejected: 0 };
      for (let i = 0; i < events.length; i += CHUNK) {
        const res = await fetch(new URL('/api/v1/events', o.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
          body: JSON.stringify(events.slice(i, i + CHUNK)),
        });
        if (res.status !== 200 && res.status !== 422) throw new Error(`the server answered ${res.status}: ${await res.text()}`);
        const r = (await res.json()) as IngestResult;
        total.accepted += r.accepted;
        total.duplicates += r.duplicates;
        total.rejected += r.rejected;
      }
      process.stderr.write(`${JSON.stringify({ file, read: events.length, ...total, unreadable: problems.length })}\n`);
      if (total.rejected > 0) process.exitCode = 1;
    });
}
