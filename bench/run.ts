/**
 * `npm run bench [-- --quick] [--only a,b] [--soak-minutes N] [--cpu-prof DIR]`
 *
 * Runs the scenarios one after another (each starts its own server processes, so they do
 * not disturb each other), prints the table with every figure beside its raw baseline
 * from this same run, writes bench/results.json, and exits 1 when a figure misses its
 * target. Tests never assert speed; this does.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { machineInfo } from './lib/machine.js';
import type { BenchContext, Scenario, ScenarioResult } from './lib/figure.js';
import { table, writeResults } from './lib/report.js';
import { breakdownScenario } from './scenarios/breakdown.js';
import { clusterScenario } from './scenarios/cluster.js';
import { fanoutScenario } from './scenarios/fanout.js';
import { ingestScenario } from './scenarios/ingest.js';
import { latencyScenario } from './scenarios/latency.js';
import { memoryScenario } from './scenarios/memory.js';
import { overloadScenario } from './scenarios/overload.js';
import { restartScenario } from './scenarios/restart.js';
import { soakScenario } from './scenarios/soak.js';

const SCENARIOS: Scenario[] = [
  ingestScenario, breakdownScenario, latencyScenario, fanoutScenario, memoryScenario, overloadScenario, restartScenario, soakScenario,
  clusterScenario,
];

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const program = new Command()
    .name('bench')
    .option('--quick', 'smaller loads, under a minute, without the soak and the cluster: for everyday use', false)
    .option('--only <names>', `comma-separated scenarios (${SCENARIOS.map((s) => s.name).join(', ')})`)
    .option('--soak-minutes <n>', 'length of the soak in the full run', '10')
    .option('--soak-agents <n>', "the soak floor's agents (default 50,000; 5,000 with --quick)")
    .option('--soak-clients <n>', "the soak's wallboards (default 2,000; 200 with --quick)")
    .option('--cpu-prof <dir>', 'write CPU profiles of the server processes here (node --cpu-prof)')
    .option('--out <file>', 'where to write the results', path.join(here, 'results.json'))
    .option('--list', 'list the scenarios and exit', false)
    .parse();
  const opts = program.opts<{
    quick: boolean; only?: string; soakMinutes: string; soakAgents?: string; soakClients?: string; cpuProf?: string; out: string; list: boolean;
  }>();
  if (opts.list) {
    for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(10)} ${s.about}\n`);
    return;
  }
  const only = opts.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((n) => !SCENARIOS.some((s) => s.name === n)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  const chosen = SCENARIOS.filter((s) => (only === undefined ? !(opts.quick && s.notQuick) : only.includes(s.name)));
  if (opts.quick && only === undefined) {
    for (const s of SCENARIOS.filter((x) => x.notQuick)) process.stderr.write(`${s.name}: not in --quick (${s.notQuick}); --only ${s.name} runs it\n`);
  }
  const ctx: BenchContext = {
    quick: opts.quick,
    soakMinutes: Number(opts.soakMinutes),
    ...(opts.soakAgents !== undefined && { soakAgents: Number(opts.soakAgents) }),
    ...(opts.soakClients !== undefined && { soakClients: Number(opts.soakClients) }),
    ...(opts.cpuProf !== undefined && { cpuProfDir: path.resolve(opts.cpuProf) }),
    log: (line) => process.stderr.write(`  ${line}\n`),
  };
  const machine = machineInfo(new Date());
  process.stdout.write(`Floorwatch bench${ctx.quick ? ' (quick)' : ''} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}\n`);

  const results: ScenarioResult[] = [];
  for (const scenario of chosen) {
    process.stderr.write(`${scenario.name}: ${scenario.about}\n`);
    const started = performance.now();
    try {
      const figures = await scenario.run(ctx);
      results.push({ scenario: scenario.name, seconds: Math.round((performance.now() - started) / 100) / 10, figures });
    } catch (err) {
      // A scenario that breaks is a miss, reported, not a crash of the whole run.
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`  ${scenario.name} failed: ${err instanceof Error && err.stack !== undefined ? err.stack : message}\n`);
      results.push({
        scenario: scenario.name, seconds: Math.round((performance.now() - started) / 100) / 10,
        figures: [{ key: `${scenario.name}.error`, label: `${scenario.name}: could not run`, value: Number.NaN, unit: '', target: 'runs', pass: false, note: message }],
      });
    }
  }
  process.stdout.write(`\n${table(results)}\n`);
  const missed = results.flatMap((r) => r.figures.filter((f) => f.pass === false).map((f) => f.key));
  writeResults(opts.out, { machine, quick: ctx.quick, command: process.argv.slice(2).join(' '), results, missed });
  process.stdout.write(`\nresults: ${path.relative(process.cwd(), opts.out)}\n`);
  if (missed.length > 0) {
    process.stdout.write(`missed targets: ${missed.join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 2;
});
