/** The human-readable form of a replay report (the default output of `floorwatch replay`). */
import type { ReplayReport } from './replay.js';

const pct = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
const sec = (v: number | null): string => (v === null ? '-' : `${v.toFixed(1)} s`);

export function formatReport(report: ReplayReport): string {
  const out: string[] = [];
  out.push(`Replayed ${report.events.applied} events (${report.events.duplicates} duplicates dropped), ${report.from ?? '-'} .. ${report.to ?? '-'}`);
  out.push(`Service level: ${report.serviceLevel.formula}`);
  if (report.schedule) {
    const { shifts, leads, appliedAt } = report.schedule;
    out.push(`Plan: ${shifts} shift${shifts === 1 ? '' : 's'}, ${leads} lead dut${leads === 1 ? 'y' : 'ies'}, in force from ${appliedAt}`);
  }
  out.push('');
  out.push(`Alerts (${report.alerts.length})`);
  for (const a of report.alerts) {
    const who = [a.agentId && `agent ${a.agentId}`, a.callId && `call ${a.callId}`].filter(Boolean).join(', ');
    out.push(`  ${a.openedAt}  ${a.severity.padEnd(8)} ${a.rule.padEnd(20)} art. ${a.article.padEnd(14)} ${a.status.padEnd(12)} ${who}  ${a.title}`);
  }
  out.push('');
  out.push('Queues');
  out.push(`  ${'queue'.padEnd(12)} ${'offered'.padStart(8)} ${'answered'.padStart(9)} ${'<=T'.padStart(6)} ${'abandon'.padStart(8)} ${'SL'.padStart(7)} ${'ASA'.padStart(8)} ${'AHT'.padStart(8)}`);
  const rows = [...Object.values(report.queues).map((q) => [q.queue, q] as const), ['(floor)', report.floor] as const];
  for (const [name, q] of rows) {
    out.push(`  ${name.padEnd(12)} ${String(q.offered).padStart(8)} ${String(q.answered).padStart(9)} ${String(q.answeredInThreshold).padStart(6)} ${String(q.abandoned).padStart(8)} ${pct(q.serviceLevel).padStart(7)} ${sec(q.asaSeconds).padStart(8)} ${sec(q.ahtSeconds).padStart(8)}`);
  }
  out.push('');
  out.push('Compliance today (passed / failed)');
  for (const [rule, c] of Object.entries(report.compliance.floor)) {
    out.push(`  ${rule.padEnd(20)} ${String(c?.passed ?? 0).padStart(7)} / ${c?.failed ?? 0}`);
  }
  return out.join('\n');
}
