/**
 * Soak: a 50,000-agent floor's traffic in real time with 2,000 wallboards connected, for
 * `--soak-minutes` (10 in the full run). The first virtual 10 minutes (everyone logging
 * in) are sent at once before the clock starts, so the soak measures a floor in its stride.
 *
 * The screens are what such a floor has: each a shift lead's or a section's screen scoped
 * to two teams (`?teams=`, handshake `auth.teams`), about 24 agents, as wire clients in
 * child processes (bench/lib/wire-clients.ts). A whole-floor screen of 50,000 agents is a
 * 17 MB snapshot and every change on the floor; 2,000 of them is not a floor anyone runs.
 * One supervisor's screen does see everything: it resolves every alert a while after it
 * opened (bench/lib/alert-resolver.ts), as leads do; left open, alerts would be state that
 * grows for ever on a floor nobody staffs.
 *
 * Sampled: every 5 s the lag of a probe alert (post -> the screen of its team), minus the
 * reorder window every fresh event waits by design; every 30 s the server's live heap
 * after a full GC (through its inspector); every 5 s its resident size. Flat = the second
 * half's heap grows less than 5 MB/min, so does its resident size between snapshots (the
 * lowest reading of each minute: a snapshot thread's copy of the floor lifts it by hundreds
 * of MB for a few seconds once a minute, and the readings that caught one made a 30-second
 * series look like growth), and the lag of the last third is within 100 ms of the first
 * third's.
 */
import { probeEvent, Poster } from '../lib/alert-probe.js';
import { startAlertResolver } from '../lib/alert-resolver.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { heapUsedAfterGc, inspectorUrl } from '../lib/heap.js';
import { residentOf, type Resident } from '../lib/machine.js';
import { postAll } from '../lib/http-load.js';
import { startBenchServer } from '../lib/server.js';
import { lowerEnvelope, mean, slope } from '../lib/stats.js';
import { connectWireClients, wireClock } from '../lib/wire-clients.js';
import { simulateFloor } from '../../server/simulate/index.js';
import { buildRoster } from '../../server/simulate/roster.js';
import { Random } from '../../server/simulate/random.js';
import type { SimEvent } from '../../server/simulate/sim-event.js';
import { encodeBatches } from '../lib/traffic.js';

const WINDOW_MS = 2000;
const LAG_EVERY_MS = 5000;
const HEAP_EVERY_MS = 30_000;
const QUICK_HEAP_EVERY_MS = 8_000;
/** Resident memory is read often: a snapshot thread's copy of the floor lifts it for seconds at a time. */
const RESIDENT_EVERY_MS = 5_000;
const QUICK_RESIDENT_EVERY_MS = 1_000;
const WARM_MS = 10 * 60_000;
/** Teams per screen: a lead of two teams, or a section's TV. */
const TEAMS_PER_SCREEN = 2;
/** A lead handles an alert this long after it opened. */
const RESOLVE_AFTER_MS = 30_000;

/** Bytes as MB, for the notes. */
const mb = (bytes: number | undefined): number => round((bytes ?? Number.NaN) / 2 ** 20);

/** The simulator's teams, from its own roster (names are random; teams and agent numbers are not). */
function roster(agents: number): { teamId: (t: number) => string; firstAgent: (t: number) => string; teams: number } {
  const teams: Array<{ teamId: string; firstAgent: string }> = [];
  for (const a of buildRoster(agents, new Random(1))) {
    if (teams.at(-1)?.teamId !== a.teamId) teams.push({ teamId: a.teamId, firstAgent: a.agentId });
  }
  return { teams: teams.length, teamId: (t) => teams[t]!.teamId, firstAgent: (t) => teams[t]!.firstAgent };
}

export const soakScenario: Scenario = {
  name: 'soak',
  notQuick: 'ten minutes by definition',
  about: '50,000 agents, 2,000 team screens in real time: memory flat, lag flat',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const agents = ctx.soakAgents ?? (ctx.quick ? 5000 : 50_000);
    const clientsCount = ctx.soakClients ?? (ctx.quick ? 200 : 2000);
    const minutes = ctx.quick ? 0.5 : ctx.soakMinutes;
    const runId = `bench-soak-${Date.now()}`;
    const floor = roster(agents);
    const start = Date.now() - WARM_MS;
    // The simulator's day curve is local time; whatever the hour of the run, the floor is
    // put at 10:00 local once warm, when a bank's lines are at their busiest.
    const minuteOfDayUtc = Math.floor((Date.now() % 86_400_000) / 60_000);
    const utcOffsetMinutes = (((10 * 60 - minuteOfDayUtc) % 1440) + 1440) % 1440;
    const source = simulateFloor({
      seed: 5, agents, start, durationMs: WARM_MS + (minutes + 5) * 60_000, idPrefix: runId, shiftChangeAt: null, utcOffsetMinutes,
    })[Symbol.iterator]();
    let pending: SimEvent | undefined;
    /** The simulator's events up to `until`. */
    const take = (until: number): SimEvent[] => {
      const out: SimEvent[] = [];
      for (;;) {
        const next = pending ?? source.next().value as SimEvent | undefined;
        pending = undefined;
        if (next === undefined) return out;
        if (next.ts > until) {
          pending = next;
          return out;
        }
        out.push(next);
      }
    };

    const server = await startBenchServer({
      nodeFlags: ['--max-old-space-size=4096', '--inspect=127.0.0.1:0'], ...(ctx.cpuProfDir !== undefined && { cpuProfDir: ctx.cpuProfDir }),
    });
    const inspector = inspectorUrl(server.process.log.join(''));
    if (inspector === undefined) throw new Error('the server did not print its inspector address');
    // Closed however the run ends: left open, a failed run's sockets would keep the bench alive.
    const closers: Array<() => unknown> = [];
    try {
      const warm = encodeBatches(take(Date.now()), 5000);
      await postAll(`${server.url}/api/v1/events`, warm.batches, warm.counts, { token: server.token });
      ctx.log(`soak: ${agents} agents in ${floor.teams} teams warmed up (${warm.events} events); connecting ${clientsCount} screens of ${TEAMS_PER_SCREEN} teams`);
      const teamsOf = (screen: number): string[] => Array.from({ length: TEAMS_PER_SCREEN }, (_, k) => floor.teamId((screen * TEAMS_PER_SCREEN + k) % floor.teams));
      const connecting = performance.now();
      const clients = await connectWireClients({ count: clientsCount, url: server.url, cookie: server.cookie, runId, teams: teamsOf });
      closers.push(() => clients.close());
      const resolver = await startAlertResolver(server.url, RESOLVE_AFTER_MS);
      closers.push(() => resolver.close());
      ctx.log(`soak: screens and the lead connected in ${((performance.now() - connecting) / 1000).toFixed(1)} s`);
      const poster = new Poster(new URL(`${server.url}/api/v1/events`), server.token);
      closers.push(() => poster.close());
      const lags: Array<{ t: number; lag: number }> = [];
      const heaps: Array<{ t: number; heap: number }> = [];
      const residents: Array<{ t: number } & Resident> = [];
      const readResident = async (): Promise<Resident | undefined> => {
        const resident = await residentOf(server.pid);
        if (resident !== undefined) residents.push({ t: minute(), ...resident });
        return resident;
      };
      let probe = 0;
      let probeSeen: ((at: number) => void) | undefined;
      clients.onProbe((n, at) => {
        if (n === probe - 1) probeSeen?.(at);
      });
      // What fell due while the warm-up was posted and the screens connected goes first, so
      // the clock starts on a floor in real time (a backlog would inflate the first lags).
      let sent = 0;
      for (let due = take(Date.now()); due.length > 0; due = take(Date.now())) {
        for (let i = 0; i < due.length; i += 5000) await poster.send(due.slice(i, i + 5000));
        sent += due.length;
      }
      ctx.log(`soak: caught up (${sent} events that fell due meanwhile); the clock starts`);
      sent = 0;
      const begin = performance.now();
      const minute = (): number => (performance.now() - begin) / 60_000;
      let nextLag = begin + LAG_EVERY_MS;
      const heapEvery = ctx.quick ? QUICK_HEAP_EVERY_MS : HEAP_EVERY_MS;
      let nextHeap = begin + heapEvery;
      const residentEvery = ctx.quick ? QUICK_RESIDENT_EVERY_MS : RESIDENT_EVERY_MS;
      let nextResident = begin + residentEvery;
      let nextProgress = begin + 30_000;
      while (performance.now() - begin < minutes * 60_000) {
        // Batches of 5,000 at most, as a feed sends them (after a slow step many may be due).
        const due = take(Date.now());
        for (let i = 0; i < due.length; i += 5000) await poster.send(due.slice(i, i + 5000));
        sent += due.length;
        if (performance.now() >= nextLag) {
          nextLag += LAG_EVERY_MS;
          // Each probe is about the lead of a team some screen shows, a different team each time.
          const team = (probe * 7) % Math.min(floor.teams, clientsCount * TEAMS_PER_SCREEN);
          const seen = new Promise<number>((resolve) => { probeSeen = resolve; });
          const sentAt = wireClock();
          await poster.send(probeEvent(runId, probe++, floor.firstAgent(team)));
          const at = await Promise.race([seen, new Promise<number>((r) => setTimeout(() => r(wireClock() + 60_000), 60_000))]);
          probeSeen = undefined;
          lags.push({ t: minute(), lag: Math.max(0, at - sentAt - WINDOW_MS) });
        }
        if (performance.now() >= nextProgress) {
          nextProgress += 30_000;
          ctx.log(`soak: ${minute().toFixed(1)} min, ${sent} events sent, the simulator ${((Date.now() - (pending?.ts ?? Date.now())) / 1000).toFixed(1)} s behind, ${lags.length} lag samples`);
        }
        if (performance.now() >= nextHeap) {
          nextHeap += heapEvery;
          const heap = await heapUsedAfterGc(inspector);
          const resident = await readResident();
          heaps.push({ t: minute(), heap });
          ctx.log(`soak: ${minute().toFixed(1)} min, live heap ${mb(heap)} MB, resident ${mb(resident?.rss)} MB (anonymous ${mb(resident?.anon)}, files ${mb(resident?.file)}; ${resident?.threads} threads)`);
        }
        if (performance.now() >= nextResident) {
          nextResident += residentEvery;
          await readResident();
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const close of closers.splice(0)) await close();
      ctx.log(`soak: ${sent} events in ${minutes} min, ${lags.length} lag and ${heaps.length} heap samples, ${resolver.resolved()} alerts resolved by the lead`);

      const half = heaps.slice(Math.floor(heaps.length / 2));
      const mbPerMinute = slope(half.map((s) => ({ x: s.t, y: s.heap / 2 ** 20 })));
      // Resident memory between snapshot threads: the lowest reading of each window (a
      // minute; a tenth of one in the quick run), over the second half as for the heap.
      const lows = lowerEnvelope(residents.map((r) => ({ x: r.t, y: r.rss / 2 ** 20 })), ctx.quick ? 0.1 : 1);
      const lowHalf = lows.filter((p) => p.x >= minutes / 2);
      const residentPerMinute = slope(lowHalf);
      const peak = residents.reduce((top, r) => (r.rss > top.rss ? r : top), { t: 0, rss: 0, anon: 0, file: 0, threads: 0 });
      const fewestThreads = residents.length === 0 ? 0 : Math.min(...residents.map((r) => r.threads));
      const third = Math.max(1, Math.floor(lags.length / 3));
      const lagFirst = mean(lags.slice(0, third).map((s) => s.lag));
      const lagLast = mean(lags.slice(-third).map((s) => s.lag));
      const lagGrowth = lagLast - lagFirst;
      const lost = clients.disconnected();
      const note = `${agents} agents, ${clientsCount} screens of ${TEAMS_PER_SCREEN} teams, ${minutes} min, ${Math.round(sent / (minutes * 60))} events/s`;
      return [
        {
          key: 'soak.memorySlopeMbPerMin', label: 'soak: live heap growth, second half', value: round(mbPerMinute), unit: 'MB/min',
          target: '<= 5 MB/min (flat)', pass: heaps.length >= 2 && mbPerMinute <= 5,
          note: `heap at end ${round((heaps.at(-1)?.heap ?? 0) / 2 ** 20)} MB; ${note}`,
        },
        {
          key: 'soak.residentSlopeMbPerMin', label: 'soak: resident memory growth, between snapshots', value: round(residentPerMinute), unit: 'MB/min',
          target: '<= 5 MB/min (flat)', pass: lowHalf.length >= 2 && residentPerMinute <= 5,
          note: `lowest each ${ctx.quick ? '6 s' : 'minute'}: ${lows.map((p) => Math.round(p.y)).join(', ')} MB; peak ${mb(peak.rss)} MB (anonymous ${mb(peak.anon)}) at ${peak.t.toFixed(1)} min, with ${peak.threads - fewestThreads} thread(s) more than the fewest seen (a snapshot thread holds a second copy of the floor while it runs); ${residents.length} readings`,
        },
        {
          key: 'soak.lagGrowthMs', label: 'soak: alert lag, last third vs first', value: round(lagGrowth), unit: 'ms',
          target: '<= 100 ms (flat)', pass: lagGrowth <= 100 && lost === 0,
          note: `lag first ${round(lagFirst)} ms, last ${round(lagLast)} ms beyond the 2 s reorder window; ${lost} screens disconnected by the server; ${resolver.resolved()} alerts resolved`,
        },
      ];
    } finally {
      for (const close of closers) await Promise.resolve().then(close).catch(() => undefined);
      await server.stop();
      server.cleanup();
    }
  },
};
