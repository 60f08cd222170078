/** The bench's table on stdout and its results.json. */
import { writeFileSync } from 'node:fs';
import type { Figure, ScenarioResult } from './figure.js';
import type { MachineInfo } from './machine.js';

const fmt = (n: number | undefined): string => (n === undefined ? '' : Number.isFinite(n) ? n.toLocaleString('en-US') : String(n));

export function table(results: readonly ScenarioResult[]): string {
  const rows: string[][] = [['figure', 'value', 'baseline (same run)', 'ratio', 'target', 'result']];
  for (const r of results) {
    if (r.skipped !== undefined) {
      rows.push([r.scenario, '', '', '', '', `skipped: ${r.skipped}`]);
      continue;
    }
    for (const f of r.figures) rows.push(row(f));
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function row(f: Figure): string[] {
  return [
    f.label,
    `${fmt(f.value)} ${f.unit}`,
    f.baseline ? `${f.baseline.label}: ${fmt(f.baseline.value)} ${f.baseline.unit}` : '-',
    f.ratio === undefined ? '-' : fmt(f.ratio),
    f.target,
    f.pass === undefined ? 'info' : f.pass ? 'PASS' : 'MISS',
  ];
}

export interface Results {
  machine: MachineInfo;
  quick: boolean;
  command: string;
  results: ScenarioResult[];
  missed: string[];
}

export function writeResults(file: string, results: Results): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
