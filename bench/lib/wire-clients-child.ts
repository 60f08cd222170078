/**
 * Child process entry (forked by wire-clients.ts): runs its share of the wallboards and
 * reports to the bench process over IPC. Each screen remembers the probes it has seen, so
 * a probe counts once per screen however often it is sent again (later deltas, catch-up
 * snapshots); its arrival is the first frame that named it.
 */
import type { ChildCounts, FromChild, ProbeArrivals, StartMessage, ToChild } from './wire-clients-messages.js';
import { carriesStatus, ProbeScanner, serverTimeOf } from './wire-clients-frame.js';
import { openWireWallboard, type FrameKind, type WireWallboard } from './wire-clients-socket.js';

const REPORT_EVERY_MS = 50;

const send = (message: FromChild, then?: () => void): void => {
  process.send!(message, undefined, {}, () => then?.());
};

const counts: ChildCounts = { dropped: 0, statusDeltas: 0, catchUps: 0 };
/** Probe -> arrivals at this child's screens, since the last report. */
let pending = new Map<number, ProbeArrivals>();
const wallboards: WireWallboard[] = [];
let reporter: NodeJS.Timeout | undefined;
/** CPU used until every screen was connected: the run's share is what comes after. */
let cpuAtReady: NodeJS.CpuUsage | undefined;

function report(): void {
  const probes = [...pending.values()];
  pending = new Map();
  send({ type: 'report', probes, counts: { ...counts } });
}

function screen(scanner: ProbeScanner): (kind: FrameKind, frame: Buffer, at: number) => void {
  const seen = new Set<number>();
  return (kind, frame, at) => {
    if (kind === 'snapshot') counts.catchUps++;
    else if (carriesStatus(frame)) counts.statusDeltas++;
    let cutAt: number | undefined; // read once per frame, and only for frames that bring a probe
    for (const probe of scanner.probesIn(frame)) {
      if (seen.has(probe)) continue;
      seen.add(probe);
      cutAt ??= serverTimeOf(frame);
      const arrivals = pending.get(probe) ?? { probe, at: [], serverTime: [] };
      arrivals.at.push(at);
      arrivals.serverTime.push(cutAt);
      pending.set(probe, arrivals);
    }
  };
}

async function start(m: StartMessage): Promise<void> {
  const scanner = new ProbeScanner(m.runId);
  const onDropped = (): void => {
    counts.dropped++;
  };
  for (let i = 0; i < m.count; i += m.parallel) {
    const batch = Array.from({ length: Math.min(m.parallel, m.count - i) }, (_, j) => {
      const teams = m.scopes?.[i + j];
      return openWireWallboard(m.url, { onFrame: screen(scanner), onDropped }, {
        ...(m.cookie !== undefined && { cookie: m.cookie }), ...(m.namespace !== undefined && { namespace: m.namespace }), ...(teams && { auth: { teams } }),
      });
    });
    wallboards.push(...(await Promise.all(batch)));
  }
  reporter = setInterval(report, REPORT_EVERY_MS);
  cpuAtReady = process.cpuUsage();
  send({ type: 'ready', connected: wallboards.length });
}

function close(): void {
  clearInterval(reporter);
  // Everything that arrived is reported first; the screens' closing is ours, not counted as a drop.
  report();
  for (const w of wallboards) w.close();
  const cpu = process.cpuUsage(cpuAtReady);
  // Exit once the last message is written out (exiting earlier could lose it).
  send({ type: 'closed', counts: { ...counts }, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
}

process.on('message', (m: ToChild) => {
  if (m.type === 'start') {
    start(m).catch((err: unknown) => {
      send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
    });
  } else if (m.type === 'close') close();
});
// The bench process went away (crashed or killed): nothing to report to.
process.on('disconnect', () => process.exit(0));
