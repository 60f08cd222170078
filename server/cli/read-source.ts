/**
 * A recorded file as contract events, whatever its format: our own NDJSON, or an Asterisk
 * queue_log (pipe or DB-CSV form). Shared by `replay` and `import`, so both read the same.
 */
import type { Option } from 'commander';
import { validateBatch } from '../ingest/parse-batch.js';
import type { FloorEvent } from '../../shared/events.js';
import type { RejectedEvent } from '../../shared/ingest.js';
import { importQueueLog } from '../adapters/queue-log/import.js';
import { loadAdaptersFile, withFlags, type QueueLogSettings } from '../config/adapters-file.js';
import { loadAgentIdsFile } from '../config/agent-ids-file.js';
import { readEventsFile } from '../replay/read-events-file.js';
import { CommandError } from './cli-files.js';
import { envOption } from './option-values.js';

export const SOURCE_FORMATS = ['ndjson', 'queue_log'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface SourceOptions {
  format: SourceFormat;
  timeZone: string;
  /** A queue_log's site settings (queueLogSettings): pause reasons, extensions, agent names. */
  queueLog?: QueueLogSettings;
}

/** The flags `import` and `replay` take for a queue_log's site settings, as `serve` takes them. */
export interface SiteFlags {
  /** `--adapters-config`: serve's adapters file, of which the `queue-log` section is read. */
  adaptersConfig?: string;
  surveyExt?: string;
  /** `--agent-ids`: a file of member name -> the floor's agent id. */
  agentIds?: string;
}

/**
 * The adapters file's `queue-log` section with --survey-ext and --agent-ids in it, as the
 * live feed gets them: a file imported or replayed with other settings than the live feed
 * (a pause reason read as `other`, a member name as another agent) is a history that
 * disagrees with what the floor saw. Throws naming the file and key, or both flags.
 */
export function queueLogSettings(flags: SiteFlags): QueueLogSettings | undefined {
  // The whole file is checked, as serve checks it; only its queue-log section is used, so
  // a flag that another adapter's section also gives cannot disagree with it here.
  const section = flags.adaptersConfig === undefined ? undefined : loadAdaptersFile(flags.adaptersConfig)['queue-log'];
  return withFlags(section === undefined ? {} : { 'queue-log': section }, {
    ...(flags.surveyExt !== undefined && { surveyExtension: flags.surveyExt }),
    ...(flags.agentIds !== undefined && { agentIds: loadAgentIdsFile(flags.agentIds) }),
  }, flags.adaptersConfig)['queue-log'];
}

/** The environment variables `import` and `replay` read these flags from, as `serve` does. */
export const SITE_FLAG_ENV: Record<keyof SiteFlags, string> = {
  adaptersConfig: 'FLOORWATCH_ADAPTERS_CONFIG',
  surveyExt: 'FLOORWATCH_SURVEY_EXT',
  agentIds: 'FLOORWATCH_AGENT_IDS',
};

/**
 * The queue_log site flags of `import` and `replay`, taken as serve takes them (their
 * environment variables included), so a past file reads as the live feed does.
 */
export function siteFlagOptions(): Option[] {
  return [
    envOption('--survey-ext <extension>', "queue_log: the satisfaction survey's extension", SITE_FLAG_ENV.surveyExt),
    envOption('--agent-ids <file>', 'queue_log: member name -> the floor\'s agent id (YAML: Alice Tan: "1001"), when they are not the extension\'s digits', SITE_FLAG_ENV.agentIds),
    envOption('--adapters-config <file>', "queue_log: serve's adapters file, whose queue-log section (pause reasons, extensions, agent names) the live feed reads too", SITE_FLAG_ENV.adaptersConfig),
  ];
}

/**
 * queueLogSettings for a command: a refusal names the command, and the environment
 * variables that gave a setting (no flag on the command line, yet a file refused).
 */
export function queueLogSettingsFor(command: 'import' | 'replay', flags: SiteFlags, fromEnv: (flag: keyof SiteFlags) => boolean): QueueLogSettings | undefined {
  try {
    return queueLogSettings(flags);
  } catch (error) {
    const vars = (Object.keys(SITE_FLAG_ENV) as Array<keyof SiteFlags>).filter(fromEnv).map((flag) => SITE_FLAG_ENV[flag]);
    const where = vars.length === 0 ? '' : ` (set in the environment: ${vars.join(', ')})`;
    throw new CommandError(`floorwatch ${command}: ${error instanceof Error ? error.message : String(error)}${where}`);
  }
}

export interface SourceEvents {
  events: FloorEvent[];
  /** Human-readable problems, one per unreadable line or rejected event (a queue_log's first 100). */
  problems: string[];
  /** How many were unreadable in all: more than `problems` lists when a queue_log has over 100. */
  unreadable: number;
  /** What was read but may not be what was meant (a queue_log's member names no login named). */
  warnings: string[];
}

export async function readSource(file: string, o: SourceOptions): Promise<SourceEvents> {
  if (o.format === 'ndjson') {
    const { events, errors } = await readEventsFile(file);
    return { events, problems: errors.map((e) => `${file}: line ${e.index + 1}: ${e.field}: ${e.reason}`), unreadable: errors.length, warnings: [] };
  }
  const r = await importQueueLog(file, { format: 'auto', timeZone: o.timeZone, ...(o.queueLog !== undefined && { mapping: o.queueLog }) });
  // The adapter writes the contract; validating here keeps replay and the server identical.
  const valid = validateBatch(r.events);
  return {
    events: valid.events,
    problems: [
      ...r.problems.map((p) => `${file}: byte ${p.offset}: ${p.reason}`),
      ...valid.errors.map((e: RejectedEvent) => `${file}: event ${e.index}: ${e.field}: ${e.reason}`),
    ],
    // The reader lists only its first problems but counts them all.
    unreadable: r.counters.failed + valid.errors.length,
    warnings: r.warnings.map((w) => `${file}: ${w}`),
  };
}

/** What of a file did not get through: unreadable, refused by the server, and how many of those were printed. */
export interface Shortfall {
  unreadable: number;
  refused: number;
  listed: number;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * The one line `import` and `replay` end with when part of the file did not get through
 * (undefined when all of it did): the problems above it can run to screens, so this says
 * how many there were and where to look, and the command exits non-zero for scripts.
 */
export function shortfallLine(command: 'import' | 'replay', file: string, s: Shortfall): string | undefined {
  const parts: string[] = [];
  if (s.unreadable > 0) parts.push(`${count(s.unreadable, 'unreadable line')} in ${file} ${command === 'import' ? 'not sent' : 'left out of the report'}`);
  if (s.refused > 0) parts.push(`${count(s.refused, 'event')} refused by the server`);
  if (parts.length === 0) return undefined;
  const where = s.listed < s.unreadable + s.refused ? `the first ${s.listed} are listed above` : 'each is listed above';
  return `floorwatch ${command}: ${parts.join(', ')}; ${where}, with where and why`;
}
