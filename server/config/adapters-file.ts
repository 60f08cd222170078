/**
 * `--adapters-config FILE` (FLOORWATCH_ADAPTERS_CONFIG): what each phone-system adapter
 * needs to know about this site that the phone system cannot tell it, and that the flags
 * do not carry: pause and status reasons, hold consent, how agents are named, which
 * attributes hold the call type. YAML, one section per adapter kind:
 *
 *   asterisk-ami:
 *     pauseReasons: { Lunch: meal, Coaching: training }
 *     holdConsent: false
 *   amazon-connect:
 *     statusReasons: { Lunch: meal }
 *     agentStreamEndsCalls: false
 *
 * Each section holds exactly the options of that adapter's own options type, by the same
 * names (server/adapters/<kind>/, and each adapter's doc), less what only code can give (a
 * function) and what has a flag of its own (the URL, the secrets). Validated strictly: an
 * unknown key is refused naming its path (a misspelt option would otherwise be ignored in
 * silence, the very thing this file exists to stop), and so is the whole file: the server
 * does not start on it. Config: config/adapters.example.yaml.
 */
import { z } from 'zod';
import { NOT_READY_REASONS } from '../../shared/events.js';
import type { AmiAdapterOptions } from '../adapters/asterisk-ami/client.js';
import type { FreeswitchAdapterOptions } from '../adapters/freeswitch/client.js';
import type { QueueLogMappingOptions } from '../adapters/queue-log/options.js';
import type { TaskRouterMappingOptions } from '../adapters/twilio/mapping.js';
import type { ConnectMappingOptions } from '../adapters/amazon-connect/mapping.js';
import { agentIdsSchema } from './agent-ids-file.js';
import { ConfigProblem, parseYamlDocument, plainNumbers, quoteIt, loadConfigFile, yamlValue, type PlainNumber } from './yaml-file.js';

export const ADAPTER_KINDS = ['asterisk-ami', 'queue-log', 'freeswitch', 'twilio', 'amazon-connect'] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/** The live TCP feeds' own settings (tcp-feed.ts LiveFeedOptions) a site may tune. */
type LiveFeedSettings = 'backoff' | 'batch' | 'loginTimeoutMs';
export type AmiSettings = Pick<AmiAdapterOptions, 'surveyExtension' | 'pauseReasons' | 'holdConsent' | 'agentIds' | 'externalMinDigits' | LiveFeedSettings>;
export type FreeswitchSettings = Pick<FreeswitchAdapterOptions, 'surveyExtension' | 'holdConsent' | 'agentIds' | LiveFeedSettings>;
/** All but `agentId`, a function. */
export type QueueLogSettings = Omit<QueueLogMappingOptions, 'agentId'>;
/** All but `stationId`, a function; `agentIdFrom` without its function form. */
export type TwilioSettings = Omit<TaskRouterMappingOptions, 'stationId' | 'agentIdFrom'> & { agentIdFrom?: 'WorkerName' | 'contact_uri' | { attribute: string } };
/** All but `stationId`, a function. */
export type ConnectSettings = Omit<ConnectMappingOptions, 'stationId'>;

export interface AdapterSettings {
  'asterisk-ami'?: AmiSettings;
  'queue-log'?: QueueLogSettings;
  freeswitch?: FreeswitchSettings;
  twilio?: TwilioSettings;
  'amazon-connect'?: ConnectSettings;
}

export class AdaptersFileError extends Error {
  constructor(file: string, readonly problems: string[]) {
    super(`adapters file ${file} was refused:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AdaptersFileError';
  }
}

const text = z.string({ error: 'expected text' }).trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const texts = z.array(text, { error: 'expected a list ([a, b])' });
const flag = z.boolean({ error: 'expected true or false' });
const count = (what: string) => z.number({ error: `expected ${what}` }).int(`expected ${what}`).positive(`expected ${what}`);
const reason = z.enum(NOT_READY_REASONS, { error: `expected one of ${NOT_READY_REASONS.join(', ')}` });
/** Phone-system word (case-insensitive) -> the contract's not-ready reason. */
const reasons = z.record(text, reason, { error: 'expected a mapping of names to reasons (Lunch: meal)' });
const ms = count('a whole number of milliseconds > 0');

/** A section: its settings, nothing else. */
const section = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape, { error: 'expected a mapping of settings (name: value, one a line)' });

const liveFeed = {
  backoff: z.strictObject({ initialMs: ms, maxMs: ms }, { error: 'expected { initialMs, maxMs }' }).optional(),
  batch: z.strictObject({ intervalMs: ms.optional(), maxEvents: count('a whole number > 0').optional() }, { error: 'expected { intervalMs, maxEvents }' }).optional(),
  loginTimeoutMs: ms.optional(),
};

const amiSection: z.ZodType<AmiSettings> = section({
  surveyExtension: text.optional(),
  pauseReasons: reasons.optional(),
  holdConsent: flag.optional(),
  agentIds: agentIdsSchema.optional(),
  externalMinDigits: count('a whole number of digits > 0').optional(),
  ...liveFeed,
});

const freeswitchSection: z.ZodType<FreeswitchSettings> = section({
  surveyExtension: text.optional(),
  holdConsent: flag.optional(),
  agentIds: agentIdsSchema.optional(),
  ...liveFeed,
});

const queueLogSection: z.ZodType<QueueLogSettings> = section({
  source: text.optional(),
  surveyExtensions: texts.optional(),
  queueExtensions: texts.optional(),
  externalMinDigits: count('a whole number of digits > 0').optional(),
  pauseReasons: reasons.optional(),
  agentNames: agentIdsSchema.optional(),
});

const twilioSection: z.ZodType<TwilioSettings> = section({
  source: text.optional(),
  agentIdFrom: z.union([z.literal('WorkerName'), z.literal('contact_uri'), z.strictObject({ attribute: text })], {
    error: 'expected WorkerName, contact_uri or { attribute: <worker attribute> }',
  }).optional(),
  activityReasons: reasons.optional(),
  availableActivities: texts.optional(),
  offlineActivities: texts.optional(),
  defaultQueue: text.optional(),
  releasedByAttribute: text.optional(),
  callTypeAttribute: text.optional(),
  notesAttribute: text.optional(),
  maxTrackedTasks: count('a whole number > 0').optional(),
});

const connectSection: z.ZodType<ConnectSettings> = section({
  source: text.optional(),
  statusReasons: reasons.optional(),
  availableStatuses: texts.optional(),
  offlineStatuses: texts.optional(),
  channels: texts.optional(),
  defaultQueue: text.optional(),
  holdConsent: flag.optional(),
  agentStreamEndsCalls: flag.optional(),
  agentStreamReleasedBy: z.enum(['customer', 'agent', 'system'], { error: 'expected customer, agent or system' }).optional(),
  agentStreamWrapups: flag.optional(),
  callTypeAttribute: text.optional(),
  notesAttribute: text.optional(),
  maxTrackedContacts: count('a whole number > 0').optional(),
});

const SECTIONS = {
  'asterisk-ami': amiSection,
  'queue-log': queueLogSection,
  freeswitch: freeswitchSection,
  twilio: twilioSection,
  'amazon-connect': connectSection,
} satisfies Record<AdapterKind, z.ZodType>;

/** A section left with every line commented out (`twilio:` and nothing) is an empty one. */
const optional = <T>(schema: z.ZodType<T>) => z.preprocess((v) => v ?? {}, schema).optional();

const fileSchema: z.ZodType<AdapterSettings> = z.strictObject({
  'asterisk-ami': optional(amiSection),
  'queue-log': optional(queueLogSection),
  freeswitch: optional(freeswitchSection),
  twilio: optional(twilioSection),
  'amazon-connect': optional(connectSection),
}, { error: `expected a mapping with a section per adapter (${ADAPTER_KINDS.join(', ')})` });

/** The keys a section (or the top level) takes, for the message about one it does not. */
function keysAt(path: readonly PropertyKey[]): string {
  if (path.length === 0) return `the sections are ${ADAPTER_KINDS.join(', ')}`;
  const section = SECTIONS[path[0] as AdapterKind] as unknown as { shape?: Record<string, unknown> } | undefined;
  if (path.length === 1 && section?.shape) return `the ${String(path[0])} section takes ${Object.keys(section.shape).join(', ')}`;
  return 'see the adapter\'s doc for what it takes';
}

const samePath = (a: readonly PropertyKey[], b: readonly string[]): boolean => a.length === b.length && a.every((k, i) => String(k) === b[i]);

function describe(issue: z.core.$ZodIssue, numbers: PlainNumber[]): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${[...issue.path, key].map(String).join('.')}: unknown key (${keysAt(issue.path)})`).join('\n  - ');
  }
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  // Text written as an unquoted number: say what YAML made of it, from the text as written.
  const number = issue.code === 'invalid_type' && issue.expected === 'string' ? numbers.find((n) => !n.isKey && samePath(issue.path, n.path)) : undefined;
  return `${where}: ${number ? quoteIt(number) : issue.message}`;
}

export function parseAdaptersFile(text: string, file: string): AdapterSettings {
  let raw: unknown;
  let numbers: PlainNumber[];
  try {
    const doc = parseYamlDocument(text);
    raw = yamlValue(doc);
    numbers = plainNumbers(doc);
  } catch (err) {
    if (err instanceof ConfigProblem) throw new AdaptersFileError(file, [err.message]);
    throw err;
  }
  // A key is always text (a pause code, an interface): an unquoted 01 would be the key "1".
  const problems = numbers.filter((n) => n.isKey).map((n) => `${n.path.join('.')}: ${quoteIt(n)}`);
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => describe(issue, numbers)));
  if (!parsed.success || problems.length > 0) throw new AdaptersFileError(file, problems);
  return parsed.data;
}

export function loadAdaptersFile(file: string): AdapterSettings {
  // Only reading is wrapped: parseAdaptersFile raises its own AdaptersFileError with every problem.
  const text = loadConfigFile(file, (read) => read, (problem) => new AdaptersFileError(file, [problem]));
  return parseAdaptersFile(text, file);
}

/** What `--survey-ext` and `--agent-ids` say, which the sections may also say. */
export interface AdapterFlags {
  surveyExtension?: string;
  agentIds?: Record<string, string>;
}

/**
 * The flags' values in each section that takes them, as the adapters have always had them
 * (--survey-ext: AMI, FreeSWITCH and queue_log; --agent-ids: AMI and queue_log). A section
 * that says otherwise than a flag is refused, naming both: which one wins would be a
 * guess, and a survey extension guessed wrong breaks every survey transfer's count.
 */
export function withFlags(settings: AdapterSettings, flags: AdapterFlags, file: string | undefined): AdapterSettings {
  const problems: string[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const merge = <T extends object, K extends keyof T>(section: T | undefined, key: K, value: T[K] | undefined, flagName: string, where: string): T | undefined => {
    if (value === undefined) return section;
    const set = section?.[key];
    if (set !== undefined && !same(set, value)) problems.push(`${where}.${String(key)}: also given by ${flagName}, with another value; keep one`);
    return { ...section, [key]: set ?? value } as T;
  };
  const survey = flags.surveyExtension;
  const ids = flags.agentIds;
  let ami = merge(settings['asterisk-ami'], 'surveyExtension', survey, '--survey-ext', 'asterisk-ami');
  ami = merge(ami, 'agentIds', ids, '--agent-ids', 'asterisk-ami');
  const freeswitch = merge(settings.freeswitch, 'surveyExtension', survey, '--survey-ext', 'freeswitch');
  let queueLog = merge(settings['queue-log'], 'surveyExtensions', survey === undefined ? undefined : [survey], '--survey-ext', 'queue-log');
  queueLog = merge(queueLog, 'agentNames', ids, '--agent-ids', 'queue-log');
  // Without a file every section is the flags' own: nothing can disagree.
  if (problems.length > 0) throw new AdaptersFileError(file ?? '(none)', problems);
  return {
    ...settings,
    ...(ami && { 'asterisk-ami': ami }),
    ...(freeswitch && { freeswitch }),
    ...(queueLog && { 'queue-log': queueLog }),
  };
}

/** The sections of adapters this server does not run: most likely a feed or a secret left out. */
export function unusedSections(settings: AdapterSettings, running: ReadonlySet<AdapterKind>): AdapterKind[] {
  return ADAPTER_KINDS.filter((kind) => settings[kind] !== undefined && !running.has(kind));
}
