/**
 * Restart after `kill -9`: a server holding a day of events for 5,000 agents is killed
 * without warning and started again on the same file; the figure is the time from spawn
 * until it serves a wallboard snapshot (rebuilt from its latest snapshot plus the log).
 */
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { postAll } from '../lib/http-load.js';
import { startBenchServer } from '../lib/server.js';
import { traffic } from '../lib/traffic.js';

export const restartScenario: Scenario = {
  name: 'restart',
  about: 'back and serving after kill -9 with a day of events for 5,000 agents',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const agents = ctx.quick ? 500 : 5000;
    const hours = ctx.quick ? 2 : 9;
    const load = traffic({ agents, hours, maxEvents: Number.MAX_SAFE_INTEGER, batchSize: 5000, idPrefix: `bench-restart-${Date.now()}` });
    ctx.log(`restart: loading ${load.events} events (${agents} agents, ${hours} h)`);
    const first = await startBenchServer();
    let seconds: number;
    try {
      const loaded = await postAll(`${first.url}/api/v1/events`, load.batches, load.counts, { token: first.token });
      ctx.log(`restart: loaded at ${Math.round(loaded.perSecond)} events/s; kill -9`);
      await first.stop('SIGKILL');
      const second = await startBenchServer({ dbFile: first.dbFile, token: first.token });
      const started = second.spawnedAt;
      // Serving = a signed-in client can read the floor (startBenchServer signed in already).
      const res = await fetch(`${second.url}/api/v1/floor`, { headers: { cookie: second.cookie } });
      if (res.status !== 200) throw new Error(`floor after restart answered ${res.status}`);
      const floor = await res.json() as { agents: unknown[] };
      seconds = (performance.now() - started) / 1000;
      if (floor.agents.length < agents * 0.9) throw new Error(`after restart the floor has ${floor.agents.length} of ${agents} agents`);
      await second.stop();
    } finally {
      first.cleanup();
    }
    return [{
      key: 'restart.seconds', label: `restart after kill -9, ${agents} agents' day`, value: round(seconds), unit: 's',
      target: '< 5 s', pass: seconds < 5, note: `${load.events} events in the log; from process spawn (the built server) to a snapshot served`,
    }];
  },
};
