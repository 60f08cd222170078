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
}

export interface ResolvedMappingOptions {
  source: string;
  surveyExtensions: Set<string>;
  queueExtensions: Set<string>;
  externalMinDigits: number;
  pauseReasons: Map<string, NotReadyReason>;
  agentId: (agentField: string) => string;
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
 * agent number the floor knows. A member name (`log_membername_as_agent = yes`) is kept.
 */
export function defaultAgentId(agentField: string): string {
  const m = /^[A-Za-z0-9_]+\/([^@/\s-]+)/.exec(agentField);
  return m ? m[1] : agentField;
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
  };
}

export function transferTarget(o: ResolvedMappingOptions, to: string | undefined): TransferTarget {
  if (to === undefined) return 'agent';
  if (o.surveyExtensions.has(to)) return 'survey';
  if (o.queueExtensions.has(to)) return 'queue';
  if (/^\+?\d+$/.test(to) && to.replace('+', '').length >= o.externalMinDigits) return 'external';
  return 'agent';
}
