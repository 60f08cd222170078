/**
 * One line of the bench table: a measured figure, the raw baseline measured in the same
 * run (so a slow machine moves both), and the target it is judged against.
 */
export interface Figure {
  /** Stable key in results.json. */
  key: string;
  label: string;
  value: number;
  unit: string;
  baseline?: { label: string; value: number; unit: string };
  /** value / baseline (or baseline / value for "lower is better" figures), when compared. */
  ratio?: number;
  target: string;
  /** Undefined: informational (no target). */
  pass?: boolean;
  note?: string;
}

export interface ScenarioResult {
  scenario: string;
  seconds: number;
  figures: Figure[];
  /** A scenario that could not run (e.g. too little memory for 5,000 clients) says why. */
  skipped?: string;
}

export interface BenchContext {
  quick: boolean;
  /** Minutes of the soak (10 in the full run). */
  soakMinutes: number;
  /** The soak's floor and screens (50,000 and 2,000 in the full run). */
  soakAgents?: number;
  soakClients?: number;
  /** Pass --cpu-prof to the server processes; profiles land in this folder. */
  cpuProfDir?: string;
  log(line: string): void;
}

export interface Scenario {
  name: string;
  /** What it measures, for --list. */
  about: string;
  /**
   * Left out of `--quick` unless named with --only: a soak cannot be short, and the
   * cluster needs PostgreSQL and Redis and starts four servers.
   */
  notQuick?: string;
  run(ctx: BenchContext): Promise<ScenarioResult['figures']>;
}

/** Rounds for display and JSON: 3 significant digits, whole numbers above 1,000. */
export function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  if (Math.abs(n) >= 1000) return Math.round(n);
  return Number(n.toPrecision(3));
}
