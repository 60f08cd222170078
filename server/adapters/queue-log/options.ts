/**
 * What a site tells the queue_log mapping that the log itself cannot: which extension is
 * the satisfaction survey, what its pause reasons mean, how a member interface names the
 * agent. Plain data, so a config file can carry it.
 */
import type { NotReadyReason } from '../../../shared/events.js';

export type TransferTarget = 'survey' | 'agent' | 'queue' | 'external';

export interface QueueLogMappingOptions {
  /** `source` on every event (diagnostics). */
  source?: string;
  /** Extensions of the satisfaction-survey system: a transfer there is target `survey`. */
  surveyExtensions?: string[];
  /** Extensions that lead into a queue: a transfer there is target `queue`. */
  queueExtensions?: string[];
  /** A transfer to a number at least this long leaves the PBX (target `external`); shorter is an agent. */
  externalMinDigits?: number;
  /** Pause reason (case-insensitive) -> not-ready reason; unlisted reasons become `other`. */
  pauseReasons?: Record<string, NotReadyReason>;
  /** The floor's agent id for a queue_log agent field; default: the number in `PJSIP/1001`. */
  agentId?: (agentField: string) => string;
  /**
   * Agent field (case-insensitive) -> the floor's agent id, before `agentId`: for member
   * names (`{ "Alice Tan": "1001" }`). app_queue writes a named member's name on its call
   * and pause lines but its interface on ADDMEMBER / REMOVEMEMBER (unless queues.conf has
   * `log_membername_as_agent = yes`), so without this one person is two agents.
   */
  agentNames?: Record<string, string>;
}

export interface ResolvedMappingOptions {
  source: string;
  surveyExtensions: Set<string>;
  queueExtensions: Set<string>;
  externalMinDigits: number;
  pauseReasons: Map<string, NotReadyReason>;
  agentId: (agentField: string) => string;
  /** Lower-cased agent field -> agent id. */
  agentNames: Map<string, string>;
}

/** Common pause-reason spellings; a site adds its own codes through `pauseReasons`. */
export const DEFAULT_PAUSE_REASONS: Record<string, NotReadyReason> = {
  break: 'break', coffee: 'break',
  meal: 'meal', lunch: 'meal', dinner: 'meal',
  rest: 'rest', toilet: 'rest', restroom: 'rest',
  meeting: 'meeting', training: 'training', coaching: 'training',
  other: 'other',
};

/**
 * `PJSIP/1001`, `SIP/1001-0000002a`, `Local/1001@agents/n`, `Agent/1001` -> `1001`: the
 * agent number the floor knows. A member name (`Alice Tan`) is kept: only `agentNames`
 * knows which number it is.
 */
export function defaultAgentId(agentField: string): string {
  const m = /^[A-Za-z0-9_]+\/([^@/\s-]+)/.exec(agentField);
  return m ? m[1] : agentField;
}

/** The floor's agent id for an agent field: the configured name first, then `agentId`. */
export function agentIdOf(o: ResolvedMappingOptions, agentField: string): string {
  return o.agentNames.get(agentField.toLowerCase()) ?? o.agentId(agentField);
}

/**
 * An interface (`PJSIP/1001`, `Local/1001@from-queue/n`, `Agent/1001`) rather than a member
 * name. A member added without a name is logged by its interface everywhere, so only a
 * name can differ from what its login line said.
 */
export function isInterface(agentField: string): boolean {
  return /^[A-Za-z0-9_]+\/\S/.test(agentField);
}

/** What to tell whoever connects the PBX when call lines name an agent the log never logged in. */
export function memberNameWarning(name: string): string {
  return `queue_log: call or pause lines name agent "${name}", a member name the log has not shown logging in. `
    + 'app_queue writes a named member\'s name on call and pause lines but its interface on ADDMEMBER/REMOVEMEMBER '
    + '(unless queues.conf [general] has log_membername_as_agent = yes), so its calls land on another agent than its login. '
    + `Map the name to the agent's id in an --agent-ids file (a line ${JSON.stringify(name)}: "<agent number>"; the mapping option agentNames); `
    + 'if this agent logged in before the part of the log read, nothing is wrong.';
}

/** The station a member interface or an agent channel is: `SIP/1001-0000002a` -> `SIP/1001`. */
export function stationOf(channelOrInterface: string): string {
  return channelOrInterface.replace(/-[0-9a-f]{6,}(;\d+)?$/i, '').replace(/,\d+$/, '');
}

export function resolveMappingOptions(o: QueueLogMappingOptions = {}): ResolvedMappingOptions {
  const reasons = new Map<string, NotReadyReason>();
  for (const [k, v] of Object.entries({ ...DEFAULT_PAUSE_REASONS, ...o.pauseReasons })) reasons.set(k.toLowerCase(), v);
  return {
    source: o.source ?? 'queue_log',
    surveyExtensions: new Set(o.surveyExtensions ?? []),
    queueExtensions: new Set(o.queueExtensions ?? []),
    externalMinDigits: o.externalMinDigits ?? 7,
    pauseReasons: reasons,
    agentId: o.agentId ?? defaultAgentId,
    agentNames: new Map(Object.entries(o.agentNames ?? {}).map(([name, id]) => [name.trim().toLowerCase(), id])),
  };
}

export function transferTarget(o: ResolvedMappingOptions, to: string | undefined): TransferTarget {
  if (to === undefined) return 'agent';
  if (o.surveyExtensions.has(to)) return 'survey';
  if (o.queueExtensions.has(to)) return 'queue';
  if (/^\+?\d+$/.test(to) && to.replace('+', '').length >= o.externalMinDigits) return 'external';
  return 'agent';
}
