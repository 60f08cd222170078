import fs from 'node:fs';
import type { Command } from 'commander';
import { runSimulation } from '../simulate/run.js';
import { nonNegativeNumber, positiveInt } from './floorwatch.js';

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('a realistic, seeded floor: post it to a running server, or write NDJSON')
    .option('--agents <n>', 'agents on the floor', positiveInt, 60)
    .option('--seed <n>', 'random seed (same seed, same floor)', positiveInt, 1)
    .option('--hours <h>', 'how long a stretch of the day to simulate', nonNegativeNumber, 8)
    .option('--start <time>', 'when the simulated day starts (ISO 8601; default: today 08:00 Asia/Shanghai)')
    .option('--breach-rate <r>', 'share of opportunities where a rule is broken (0 for none)', nonNegativeNumber)
    .option('--url <url>', 'post to this server (e.g. http://127.0.0.1:8080)')
    .option('--token <token>', 'feed token for --url')
    .option('--speed <x>', 'with --url: 1 = real time, 10 = ten times faster, 0 = as fast as possible', nonNegativeNumber, 1)
    .option('--out <file>', 'write NDJSON to this file ("-" for standard output)')
    .action(async (o: {
      agents: number; seed: number; hours: number; start?: string; breachRate?: number;
      url?: string; token?: string; speed: number; out?: string;
    }) => {
      if (!o.url && !o.out) throw new Error('say where the events go: --url http://host:port or --out FILE (- for stdout)');
      const start = o.start ? Date.parse(o.start) : defaultStart();
      if (!Number.isFinite(start)) throw new Error(`--start: not a date: ${o.start}`);
      const common = {
        seed: o.seed, agents: o.agents, start, durationMs: o.hours * 3600_000,
        ...(o.breachRate !== undefined && { breachRate: o.breachRate }),
      };
      if (o.url) {
        const report = await runSimulation({
          ...common,
          // A server keeps its log: a second run with the same seed needs fresh ids, or it
          // would be dropped as a resend.
          idPrefix: `sim-${o.seed}-${Date.now().toString(36)}`,
          speed: o.speed === 0 ? Infinity : o.speed,
          output: { kind: 'post', url: o.url, ...(o.token !== undefined && { token: o.token }) },
        });
        process.stderr.write(`${JSON.stringify(report)}\n`);
        return;
      }
      const stream = o.out === '-' ? process.stdout : fs.createWriteStream(o.out!);
      await runSimulation({
        ...common,
        speed: Infinity,
        output: { kind: 'ndjson', write: (line: string) => { stream.write(`${line}\n`); } },
      });
      if (stream !== process.stdout) await new Promise<void>((r) => (stream as fs.WriteStream).end(r));
    });
}

/** Today at 08:00 in the centre's default zone, so a day's file starts with the morning shift. */
function defaultStart(): number {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  return Date.parse(`${today}T08:00:00+08:00`);
}
