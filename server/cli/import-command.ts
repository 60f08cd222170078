import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { IngestResult } from '../../shared/ingest.js';
import { describeRowError, SCHEDULE_CONTENT_TYPES, scheduleFormatOf } from '../replay/read-schedule-file.js';
import type { RowError } from '../schedule/rows.js';
import { readSource, SOURCE_FORMATS, type SourceFormat } from './read-source.js';

const CHUNK = 2000;

interface ImportFlags { format: SourceFormat; url: string; token: string; timezone: string; surveyExt?: string; schedule?: string }

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
    .option('--schedule <file>', 'a plan (.csv, .yaml/.yml or .json) to import first, with the same token, as a WFM export job does')
    .action(async (file: string, o: ImportFlags) => {
      // Named wrong, the plan file stops the import before anything is read or sent.
      const scheduleFormat = o.schedule === undefined ? undefined : scheduleFormatOf(o.schedule);
      const { events, problems } = await readSource(file, {
        format: o.format, timeZone: o.timezone, ...(o.surveyExt !== undefined && { surveyExtension: o.surveyExt }),
      });
      for (const p of problems) process.stderr.write(`${p}\n`);
      // The plan goes in before the events, so the server's plan rules see them with it
      // (the server's own time zone places its clock times). Refused, nothing else is sent.
      if (o.schedule !== undefined && scheduleFormat !== undefined) {
        const posted = await postSchedule(o.url, o.token, o.schedule, SCHEDULE_CONTENT_TYPES[scheduleFormat]);
        if (!posted) {
          process.exitCode = 1;
          return;
        }
      }
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

/**
 * `POST /api/v1/schedule/import` (added to the plan, or replacing shifts with the same id;
 * never removing what is planned on the server already). True when the server took it; a
 * refusal prints the server's row and field errors and answers false.
 */
async function postSchedule(url: string, token: string, file: string, contentType: string): Promise<boolean> {
  const res = await fetch(new URL('/api/v1/schedule/import', url), {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
    body: fs.readFileSync(file),
  });
  const body = (await res.json().catch(() => ({}))) as { error?: string; errors?: RowError[]; shifts?: number; leads?: number; from?: number; to?: number };
  if (res.status === 200) {
    process.stderr.write(`${JSON.stringify({ schedule: file, shifts: body.shifts, leads: body.leads, from: body.from, to: body.to })}\n`);
    return true;
  }
  if (res.status !== 400) throw new Error(`the server answered ${res.status} to the schedule: ${body.error ?? res.statusText}`);
  process.stderr.write(`floorwatch import: ${body.error ?? 'the schedule was refused'} (${file}); no events were sent\n`);
  for (const e of body.errors ?? []) process.stderr.write(`${describeRowError(file, e)}\n`);
  return false;
}
