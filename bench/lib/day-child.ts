/**
 * Writes a day of a floor into a SQLite file as `floorwatch serve` would have written it
 * live, then waits to be killed (`kill -9`) by the restart scenario.
 *
 * The day comes from the simulator. The floor runs on a clock that follows the traffic:
 * each second's events arrive as one batch half a second after that second ends, as a
 * feed posting every second does. That is what makes the log a day's log: loaded over
 * HTTP at full speed instead, every event would arrive hours late and be applied at the
 * same instant, a state no floor ever has.
 *
 * Snapshots: the serve defaults (every minute, or every 200,000 entries) for the last
 * stretch of the day; hourly before it, which only saves the bench time (a restart reads
 * the latest snapshot, never the earlier ones). It stops just before the next snapshot
 * would be due: the longest log tail a restart can find after a kill at these defaults.
 * (serve's worker writes the snapshot of the seq it was asked for a few seconds after
 * asking, so a kill there finds those seconds more: a few hundred entries at this rate.)
 *
 * Usage: day-child.ts <db file> <agents> <hours> <id prefix>; prints one JSON line when
 * the day is written, then waits.
 */
import { defaultRulesConfig } from '../../shared/rules-config.js';
import type { FloorEvent } from '../../shared/events.js';
import { Floor } from '../../server/floor/floor.js';
import { DEFAULTS } from '../../server/floor/options.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import { simulatedEvents } from './traffic.js';

const [dbFile, agentsArg, hoursArg, idPrefix] = process.argv.slice(2);
const agents = Number(agentsArg);
const hours = Number(hoursArg);
const DELIVERY_MS = 500;

// The day ends a few minutes before now, so the restarted server (on the real clock) is
// "after a short outage", not hours later.
const end = Date.now() - 5 * 60_000;
const events = simulatedEvents({ agents, hours, maxEvents: Number.MAX_SAFE_INTEGER, idPrefix, start: end - hours * 3600_000 })
  .filter((e) => e.ts <= end) as FloorEvent[];
events.sort((a, b) => a.ts - b.ts);

let now = events[0]!.ts;
const clock = { now: () => now };
const rules = defaultRulesConfig();

/** Feeds the batches delivered before `until`, one per second of traffic; returns where it stopped. */
async function feed(floor: Floor, from: number, until: number): Promise<number> {
  let i = from;
  while (i < events.length) {
    const second = Math.floor(events[i]!.ts / 1000) * 1000;
    if (second + 1000 + DELIVERY_MS >= until) break;
    let j = i;
    while (j < events.length && events[j]!.ts < second + 1000) j++;
    now = second + 1000 + DELIVERY_MS;
    await floor.ingest(events.slice(i, j));
    i = j;
  }
  return i;
}

const storage = createSqliteStorage(dbFile!);
// Most of the day: a snapshot an hour (the bench's time; a restart never reads these).
const lastStretch = end - 2 * DEFAULTS.snapshotEveryMs;
let floor = await Floor.open({ storage, clock, rules, snapshotEveryMs: 3600_000, snapshotEveryEntries: Number.MAX_SAFE_INTEGER });
let i = await feed(floor, 0, lastStretch);
await floor.snapshotNow(); // the day so far, as a graceful stop would leave it
await floor.close();
await storage.close();
// The last stretch at serve's defaults: a snapshot a minute; stop 1 s before the next is due.
const reopened = createSqliteStorage(dbFile!, { backgroundCheckpoints: true, backgroundLookups: true }); // as serve opens it
floor = await Floor.open({ storage: reopened, clock, rules });
const stretchStart = now;
i = await feed(floor, i, stretchStart + DEFAULTS.snapshotEveryMs + 1000);
// The next one is due a minute after the last was taken.
const lastSnapshotAt = (await reopened.snapshots.latest())!.takenAt;
i = await feed(floor, i, lastSnapshotAt + DEFAULTS.snapshotEveryMs);
const { seq } = floor.progress;
const latest = await reopened.snapshots.latest();
process.stdout.write(`${JSON.stringify({ events: i, seq, snapshotSeq: latest?.seq ?? 0, snapshotChars: latest?.state.length ?? 0 })}\n`);
// Killed here (kill -9): no close, no last snapshot.
setInterval(() => undefined, 60_000);
