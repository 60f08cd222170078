import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { FloorEvent } from '../../shared/events.js';
import type { IngestResult, RejectedEvent } from '../../shared/ingest.js';
import { describeRowError, SCHEDULE_CONTENT_TYPES, scheduleFormatOf } from '../replay/read-schedule-file.js';
import type { RowError } from '../schedule/rows.js';
import { queueLogSettingsFor, readSource, shortfallLine, siteFlagOptions, SOURCE_FORMATS, type SourceFormat } from './read-source.js';
import { checkReadable } from './cli-files.js';
import { checkServerUrl, reach } from './reach.js';

const CHUNK = 2000;
/** Refused events printed one by one, as the queue_log reader lists its first unreadable lines. */
const MAX_REFUSALS_LISTED = 100;

interface ImportFlags { format: SourceFormat; url: string; token: string; timezone: string; surveyExt?: string; schedule?: string; agentIds?: string; adaptersConfig?: string; pastEvents?: boolean }

/** Loads a recorded file into a running server (history into its log and alert store). */
export function registerImport(program: Command): void {
  const importCommand = program
    .command('import')
    .description('send a recorded file (v1 NDJSON, or an Asterisk queue_log) to a running server; safe to repeat')
    .argument('<file>')
    .addOption(new Option('--format <format>', 'what the file holds').choices(SOURCE_FORMATS).default('ndjson'))
    .requiredOption('--url <url>', 'the server, e.g. http://127.0.0.1:8080')
    .addOption(new Option('--token <token>', 'a feed token').env('FLOORWATCH_FEED_TOKEN').makeOptionMandatory())
    .option('--timezone <zone>', 'queue_log DB exports: the zone of their local times', 'Asia/Shanghai');
  for (const option of siteFlagOptions()) importCommand.addOption(option);
  importCommand
    .option('--past-events', 'send events more than an hour old anyway (on a live floor they raise, escalate and notify alerts now)')
    .option('--schedule <file>', 'a plan (.csv, .yaml/.yml or .json) to import first, with the same token, as a WFM export job does')
    .action(async (file: string, o: ImportFlags, command: Command) => {
      // Each file it will read, before anything: "cannot read FILE: no such file", not Node's ENOENT.
      // The site's files only for a queue_log: set in the environment for serve, they must not stop an NDJSON import.
      const siteFiles = o.format === 'queue_log' ? [o.agentIds, o.adaptersConfig] : [];
      for (const f of [file, o.schedule, ...siteFiles]) if (f !== undefined) checkReadable('import', f);
      checkServerUrl(o.url);
      // Named wrong, the plan file stops the import before anything is read or sent.
      const scheduleFormat = o.schedule === undefined ? undefined : scheduleFormatOf(o.schedule);
      // Before the file is read: a bad adapters file stops it, naming the file and the key.
      const queueLog = o.format === 'queue_log' ? queueLogSettingsFor('import', o, (flag) => command.getOptionValueSource(flag) === 'env') : undefined;
      const { events, problems, unreadable, warnings } = await readSource(file, {
        format: o.format, timeZone: o.timezone, ...(queueLog !== undefined && { queueLog }),
      });
      for (const p of [...problems, ...warnings]) process.stderr.write(`${p}\n`);
      const replay = replayCommandFor(file, o, command.getOptionValueSource('timezone') !== 'default');
      const stale = pastEventsRefusal(file, events, Date.now(), replay);
      if (stale !== undefined && o.pastEvents !== true) {
        process.stderr.write(`${stale}\n`);
        process.exitCode = 1;
        return;
      }
      // The plan goes in before the events, so the server's plan rules see them with it
      // (the server's own time zone places its clock times). Refused, nothing else is sent.
      if (o.schedule !== undefined && scheduleFormat !== undefined) {
        const posted = await postSchedule(o.url, o.token, o.schedule, SCHEDULE_CONTENT_TYPES[scheduleFormat]);
        if (!posted) {
          process.exitCode = 1;
          return;
        }
      }
      const { total, refusalsListed } = await sendEvents(file, o, events);
      process.stderr.write(`${JSON.stringify({ file, read: events.length, ...total, unreadable })}\n`);
      // Duplicates are a resend, not a loss; anything unreadable or refused is, and says so.
      const shortfall = shortfallLine('import', file, { unreadable, refused: total.rejected, listed: problems.length + refusalsListed });
      if (shortfall !== undefined) {
        process.stderr.write(`${shortfall}\n`);
        process.exitCode = 1;
      }
    });
}

/** The events in batches; their totals, each refused event printed (the first MAX_REFUSALS_LISTED). */
async function sendEvents(file: string, o: ImportFlags, events: FloorEvent[]) {
  const total = { accepted: 0, duplicates: 0, rejected: 0 };
  let refusalsListed = 0;
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk = events.slice(i, i + CHUNK);
    const r = await postEvents(o.url, o.token, chunk);
    total.accepted += r.accepted;
    total.duplicates += r.duplicates;
    total.rejected += r.rejected;
    for (const e of r.errors.slice(0, MAX_REFUSALS_LISTED - refusalsListed)) {
      process.stderr.write(`${describeRefusal(file, e, chunk, i)}\n`);
      refusalsListed += 1;
    }
  }
  return { total, refusalsListed };
}

/** One batch to `POST /api/v1/events`; the server's answer per event (200, or 422 when it took none). */
async function postEvents(url: string, token: string, events: FloorEvent[]): Promise<IngestResult> {
  const res = await reach(url, '/api/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(events),
  });
  if (res.status !== 200 && res.status !== 422) throw new Error(`the server answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as IngestResult;
}

/** A refused event, by its id where it has one (the server's index counts within the batch). */
function describeRefusal(file: string, e: RejectedEvent, chunk: FloorEvent[], chunkStart: number): string {
  const id = e.id ?? (chunk[e.index] as { id?: string } | undefined)?.id;
  const which = id !== undefined ? id : `#${chunkStart + e.index + 1} of those read`;
  return `${file}: event ${which}: ${e.field}: ${e.reason} (refused by the server)`;
}

/**
 * `POST /api/v1/schedule/import` (added to the plan, or replacing shifts with the same id;
 * never removing what is planned on the server already). True when the server took it; a
 * refusal prints the server's row and field errors and answers false.
 */
async function postSchedule(url: string, token: string, file: string, contentType: string): Promise<boolean> {
  const res = await reach(url, '/api/v1/schedule/import', {
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

/** Events this much older than now are "past": a live floor would treat them as news. */
export const PAST_EVENTS_MS = 3600_000;

/**
 * A file whose newest event is more than an hour old, said plainly. A running floor applies
 * an event that old now: its breaches open live alerts that escalate and notify today, and
 * its timers run from now, so a past day imported into a live floor pages people about
 * yesterday. Auditing a past day is `floorwatch replay`; `--past-events` sends it anyway.
 */
export function pastEventsRefusal(file: string, events: readonly FloorEvent[], now: number, replay = replayCommandFor(file, { format: 'ndjson' }, false)): string | undefined {
  if (events.length === 0) return undefined;
  const newest = events.reduce((max, e) => Math.max(max, e.ts), Number.NEGATIVE_INFINITY);
  if (now - newest <= PAST_EVENTS_MS) return undefined;
  const hours = ((now - newest) / 3600_000).toFixed(1);
  return `floorwatch import: the newest event in ${file} is from ${new Date(newest).toISOString()}, ${hours} h ago. `
    + 'A running floor applies events that old now: their breaches open live alerts that escalate and notify today. '
    + `To audit a past day use \`${replay}\`; to send it anyway (a floor not in use yet), add --past-events. Nothing was sent.`;
}

/** A word as a POSIX shell reads it: as it is when plain, else in single quotes. */
const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * The `floorwatch replay` that reads this file as the import did: the same format (replay
 * reads NDJSON unless told, and a queue_log read as NDJSON is "neither a JSON array nor
 * NDJSON"), and for a queue_log the same agent names, survey extension, adapters file and,
 * when given, zone (replay's default zone is the rules file's, import's Asia/Shanghai, the rules'
 * default too).
 */
export function replayCommandFor(file: string, o: Pick<ImportFlags, 'format'> & Partial<Pick<ImportFlags, 'timezone' | 'agentIds' | 'surveyExt' | 'adaptersConfig'>>, timezoneGiven: boolean): string {
  const words = ['floorwatch', 'replay'];
  if (o.format !== 'ndjson') {
    words.push('--format', o.format);
    if (timezoneGiven && o.timezone !== undefined) words.push('--timezone', o.timezone);
    if (o.agentIds !== undefined) words.push('--agent-ids', o.agentIds);
    if (o.surveyExt !== undefined) words.push('--survey-ext', o.surveyExt);
    if (o.adaptersConfig !== undefined) words.push('--adapters-config', o.adaptersConfig);
  }
  return [...words, file].map(shellWord).join(' ');
}

