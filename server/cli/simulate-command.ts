import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { assertTimeZone } from '../engine/calendar.js';
import { SCHEDULE_FORMATS, type ScheduleFormat } from '../schedule/parse-file.js';
import { writeSchedule } from '../schedule/write-file.js';
import { postPlan, rebasePlan } from '../simulate/post-plan.js';
import { runSimulation } from '../simulate/run.js';
import { simulatePlan, type SimulateOptions } from '../simulate/simulate.js';
import { DEFAULT_BREACH_RATE } from '../simulate/breaches.js';
import { nonNegativeNumber, positiveInt } from './option-values.js';
import { CommandError, openForWriting, writeFileOrSay, writeReason } from './cli-files.js';
import { checkServerUrl, reach } from './reach.js';

/** How long `--url` waits for the server to answer at all before saying it cannot reach it. */
const REACH_TIMEOUT_MS = 5000;

/** A share, 0 to 1 (the simulator refuses more). */
function share(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a share from 0 to 1 (0.025 is 2.5%)');
  return n;
}

interface SimulateFlags {
  agents: number; seed: number; hours: number; start?: string; breachRate: number;
  url?: string; token?: string; speed: number; out?: string;
  scheduleOut?: string; timezone: string; shiftChange?: string;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('a realistic, seeded floor with its schedule: post it to a running server, or write NDJSON and the plan')
    .option('--agents <n>', 'agents on the floor (per crew)', positiveInt, 60)
    .option('--seed <n>', 'random seed (same seed, same floor)', positiveInt, 1)
    .option('--hours <h>', 'how long a stretch of the day to simulate', nonNegativeNumber, 8)
    .option('--start <time>', 'when the simulated day starts (ISO 8601; default: today 08:00 Asia/Shanghai)')
    .option('--breach-rate <r>', 'share of opportunities where a rule is broken, 0 to 1 (0 for none)', share, DEFAULT_BREACH_RATE)
    .option('--shift-change <time>', 'when the relief crew takes over (ISO 8601), or "none" (default: mid-way through a stretch of 2 h or more)')
    .option('--url <url>', 'post to this server (e.g. http://127.0.0.1:8080): the plan first, then the events')
    .option('--token <token>', 'feed token for --url (required with it: floorwatch feed-token create NAME)')
    .option('--speed <x>', 'with --url: 1 = real time, 10 = ten times faster, 0 = as fast as possible', nonNegativeNumber, 1)
    .option('--out <file>', 'write NDJSON to this file ("-" for standard output)')
    .option('--schedule-out <file>', 'write the simulated plan (shifts, breaks, lead duties) to this file: .csv, .yaml/.yml or .json')
    .option('--timezone <zone>', 'the centre time zone the plan file is written in', 'Asia/Shanghai')
    .action(async (o: SimulateFlags) => {
      if (!o.url && !o.out && !o.scheduleOut) {
        throw new Error('say where the floor goes: --url http://host:port, --out FILE (- for stdout) and/or --schedule-out FILE');
      }
      // Said now, not as a 401 after the plan was built (the server takes nothing without one).
      if (o.url !== undefined && (o.token === undefined || o.token === '')) {
        throw new Error('--url needs --token: the server takes events and the plan only with a feed token (floorwatch feed-token create NAME on the server machine)');
      }
      if (o.url !== undefined) {
        checkServerUrl(o.url);
        // Once, at once: nothing listening is said now, not after the plan's retries (~27 s) of silence.
        await reach(o.url, '/health', { signal: AbortSignal.timeout(REACH_TIMEOUT_MS) });
      }
      const start = o.start ? Date.parse(o.start) : defaultStart();
      if (!Number.isFinite(start)) throw new Error(`--start: not a date: ${o.start}`);
      const common: SimulateOptions = {
        seed: o.seed, agents: o.agents, start, durationMs: o.hours * 3600_000,
        breachRate: o.breachRate,
        ...(o.shiftChange !== undefined && { shiftChangeAt: shiftChange(o.shiftChange) }),
      };
      // Fails here, before anything is sent, on an impossible --shift-change.
      const plan = simulatePlan(common);
      // Opened before any work: a directory that does not exist is said at once, in one line.
      const out = o.url === undefined && o.out !== undefined && o.out !== '-' ? openForWriting('simulate', o.out) : undefined;
      if (o.scheduleOut) {
        assertTimeZone(o.timezone);
        writeFileOrSay('simulate', o.scheduleOut, writeSchedule(plan, formatOf(o.scheduleOut), o.timezone));
        process.stderr.write(`${JSON.stringify({ scheduleOut: o.scheduleOut, shifts: plan.shifts.length, leads: plan.leads.length })}\n`);
      }
      if (o.url) {
        const url = o.url;
        const report = await runSimulation({
          ...common,
          // A server keeps its log: a second run with the same seed needs fresh ids, or it
          // would be dropped as a resend.
          idPrefix: `sim-${o.seed}-${Date.now().toString(36)}`,
          speed: o.speed === 0 ? Infinity : o.speed,
          // The plan goes first, on the clock the events will carry, as a WFM export job would send it.
          prepare: async (toWall) => {
            const posted = await postPlan(url, o.token, rebasePlan(plan, toWall));
            process.stderr.write(`${JSON.stringify({ plan: posted })}\n`);
          },
          output: { kind: 'post', url, ...(o.token !== undefined && { token: o.token }) },
        });
        process.stderr.write(`${JSON.stringify(report)}\n`);
        return;
      }
      if (!o.out) return;
      if (o.out === '-' || out === undefined) {
        await runSimulation({ ...common, speed: Infinity, output: { kind: 'ndjson', write: (line: string) => { process.stdout.write(`${line}\n`); } } });
        return;
      }
      const file = o.out;
      const stream = fs.createWriteStream('', { fd: out });
      // A write that fails later (the disk full) is said like the open, not as an unhandled 'error' event.
      let failed: unknown;
      stream.on('error', (err) => { failed ??= err; });
      await runSimulation({
        ...common,
        speed: Infinity,
        output: { kind: 'ndjson', write: (line: string) => { if (failed === undefined) stream.write(`${line}\n`); } },
      });
      await new Promise<void>((resolve) => { stream.end(resolve); stream.once('error', () => resolve()); });
      if (failed !== undefined) throw new CommandError(`floorwatch simulate: cannot write ${file}: ${writeReason(file, failed)}`);
    });
}

/** `--shift-change none` or an ISO time. */
function shiftChange(value: string): number | null {
  if (value.trim().toLowerCase() === 'none') return null;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) throw new Error(`--shift-change: not a date (ISO 8601) nor "none": ${value}`);
  return at;
}

/** The plan file's format, from its name. */
function formatOf(file: string): ScheduleFormat {
  const ext = path.extname(file).toLowerCase().replace('.', '');
  const format = ext === 'yml' ? 'yaml' : ext;
  if (!(SCHEDULE_FORMATS as readonly string[]).includes(format)) throw new Error(`--schedule-out: name a .csv, .yaml, .yml or .json file, got ${file}`);
  return format as ScheduleFormat;
}

/** Today at 08:00 in the centre's default zone, so a day's file starts with the morning shift. */
function defaultStart(): number {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  return Date.parse(`${today}T08:00:00+08:00`);
}
