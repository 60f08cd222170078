/**
 * Restart after `kill -9`: a SQLite file holding a day of events for 5,000 agents, written
 * as a server running all day would have written it (bench/lib/day-child.ts: the log, the
 * alerts, a snapshot a minute at serve's defaults), is left by a process killed with
 * `kill -9` just before its next snapshot was due. The built server is started on it; the
 * figure is the time from spawn until it serves the floor to a signed-in wallboard
 * (rebuilt from its latest snapshot plus the log after it).
 */
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { startBenchServer } from '../lib/server.js';

interface DayWritten { events: number; seq: number; snapshotSeq: number; snapshotChars: number }

/** Runs the day writer on `dbFile`; once it has written the day, kills it with SIGKILL. */
async function writeDayThenKill(dbFile: string, agents: number, hours: number): Promise<DayWritten> {
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', 'bench/lib/day-child.ts', dbFile, String(agents), String(hours), `bench-day-${Date.now()}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the day writer exited with ${code}`)));
  });
  child.kill('SIGKILL');
  await exited;
  return JSON.parse(line) as DayWritten;
}

export const restartScenario: Scenario = {
  name: 'restart',
  about: 'back and serving after kill -9 with a day of events for 5,000 agents',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const agents = ctx.quick ? 300 : 5000;
    const hours = ctx.quick ? 1 : 9;
    // A server ran on the file first: the administrator signed in, a feed token made.
    const first = await startBenchServer();
    let seconds: number;
    let day: DayWritten;
    try {
      await first.stop();
      ctx.log(`restart: writing ${agents} agents' ${hours} h day (a batch a second, on the traffic's clock)`);
      const writing = performance.now();
      day = await writeDayThenKill(first.dbFile, agents, hours);
      ctx.log(`restart: ${day.events} events written in ${Math.round((performance.now() - writing) / 1000)} s; killed -9 with ${day.seq - day.snapshotSeq} entries after the latest snapshot`);
      const second = await startBenchServer({
        dbFile: first.dbFile, token: first.token, ...(ctx.cpuProfDir !== undefined && { cpuProfDir: ctx.cpuProfDir }),
      });
      // Serving = a signed-in client can read the floor (startBenchServer signed in already).
      const res = await fetch(`${second.url}/api/v1/floor`, { headers: { cookie: second.cookie } });
      if (res.status !== 200) throw new Error(`floor after restart answered ${res.status}`);
      const body = await res.text();
      // Served once the whole answer is here; parsing it is this client's work, not the server's.
      seconds = (performance.now() - second.spawnedAt) / 1000;
      const floor = JSON.parse(body) as { agents: unknown[] };
      if (floor.agents.length < agents * 0.9) throw new Error(`after restart the floor has ${floor.agents.length} of ${agents} agents`);
      await second.stop();
    } finally {
      first.cleanup();
    }
    return [{
      key: 'restart.seconds', label: `restart after kill -9, ${agents} agents' day`, value: round(seconds), unit: 's',
      target: '< 5 s', pass: seconds < 5,
      note: `${day.events} events in the log; latest snapshot ${(day.snapshotChars / 2 ** 20).toFixed(1)} MiB, ${day.seq - day.snapshotSeq} entries after it; from process spawn (the built server) to the floor served`,
    }];
  },
};
