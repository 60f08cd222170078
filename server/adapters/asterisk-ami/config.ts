/**
 * What the AMI translation needs to know about this site that Asterisk cannot tell it:
 * which extension is the satisfaction survey, what the pause reasons mean, how a queue
 * member is named on the floor, and whether holds count as consented.
 */
import { NOT_READY_REASONS, type NotReadyReason } from '../../../shared/events.js';

export interface AmiMappingOptions {
  /** Host name used in event ids and `source` (e.g. `pbx1`). */
  host: string;
  /** The extension (dialled digits) of the satisfaction survey: a transfer there is `target: survey`. */
  surveyExtension?: string;
  /** Asterisk pause reason (as typed on the phone / set in QueueMemberPause) -> contract reason. Case-insensitive. */
  pauseReasons?: Record<string, NotReadyReason>;
  /**
   * AMI cannot know whether the agent asked the customer before putting them on hold, so
   * every hold carries this value. Default true: flagging every hold as unconsented would
   * bury the floor in false alerts; set false where the policy wants every hold reviewed.
   */
  holdConsent?: boolean;
  /** Interface or member name -> agent id, for sites whose agent ids are not the extension digits. */
  agentIds?: Record<string, string>;
  /** Dialled numbers at least this long (or starting with + or 00) are `external` transfers. Default 7. */
  externalMinDigits?: number;
}

export interface ResolvedMappingOptions {
  host: string;
  surveyExtension: string | undefined;
  pauseReasons: Map<string, NotReadyReason>;
  holdConsent: boolean;
  agentIds: Map<string, string>;
  externalMinDigits: number;
}

/** Reasons recognised without configuration: the contract's own words map to themselves. */
/**
 * Words phones and dial plans commonly send. A bare `pause` says nothing of why, so it is
 * `other` (timed, art. 105.11) like any unknown word, never `rest` (art. 88's off-hook rest,
 * which no time limit applies to).
 */
const BUILT_IN_REASONS: Record<string, NotReadyReason> = {
  lunch: 'meal',
  coffee: 'break',
};

export function resolveMappingOptions(o: AmiMappingOptions): ResolvedMappingOptions {
  const pauseReasons = new Map<string, NotReadyReason>();
  for (const r of NOT_READY_REASONS) pauseReasons.set(r, r);
  for (const [k, v] of Object.entries(BUILT_IN_REASONS)) pauseReasons.set(k, v);
  for (const [k, v] of Object.entries(o.pauseReasons ?? {})) pauseReasons.set(k.trim().toLowerCase(), v);
  return {
    host: o.host,
    surveyExtension: o.surveyExtension?.trim() || undefined,
    pauseReasons,
    holdConsent: o.holdConsent ?? true,
    agentIds: new Map(Object.entries(o.agentIds ?? {})),
    externalMinDigits: o.externalMinDigits ?? 7,
  };
}

/**
 * The floor's agent id for a queue member. An explicit mapping wins; otherwise the digits of
 * the member name (`Agent 1023`), then of the interface (`SIP/1023`, `PJSIP/1023`,
 * `Local/1023@agents/n`), so the id is the extension agents are known by on the floor.
 */
export function agentIdOf(
  o: ResolvedMappingOptions,
  iface: string | undefined,
  memberName: string | undefined,
): string | undefined {
  for (const key of [iface, memberName]) {
    const mapped = key === undefined ? undefined : o.agentIds.get(key);
    if (mapped !== undefined) return mapped;
  }
  const fromName = memberName === undefined ? undefined : /\d+/.exec(memberName)?.[0];
  if (fromName !== undefined) return fromName;
  if (iface === undefined || iface === '') return undefined;
  const afterTech = iface.includes('/') ? iface.slice(iface.indexOf('/') + 1) : iface;
  return /\d+/.exec(afterTech)?.[0] ?? iface;
}

/** The contract reason for an Asterisk pause reason; empty means no reason. */
export function pauseReasonOf(o: ResolvedMappingOptions, reason: string | undefined): NotReadyReason | undefined {
  const key = reason?.trim().toLowerCase() ?? '';
  if (key === '') return undefined;
  return o.pauseReasons.get(key) ?? 'other';
}

/** Where a transfer went, from the dialled extension and what the mapper has seen. */
export function transferTargetOf(
  o: ResolvedMappingOptions,
  extension: string | undefined,
  known: { agents: Set<string>; queues: Set<string> },
): 'survey' | 'agent' | 'queue' | 'external' {
  const ext = extension?.trim() ?? '';
  if (o.surveyExtension !== undefined && ext === o.surveyExtension) return 'survey';
  if (known.queues.has(ext)) return 'queue';
  if (known.agents.has(ext)) return 'agent';
  const digits = ext.replace(/\D/g, '');
  if (ext.startsWith('+') || ext.startsWith('00') || digits.length >= o.externalMinDigits) return 'external';
  return 'agent';
}

/** `Timestamp: 1764291603.120345` (timestampevents=yes) -> epoch ms, else undefined. */
export function amiTimestamp(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const ms = Math.round(Number.parseFloat(value) * 1000);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** A Local channel or interface (`Local/1023@agents`, `Local/id-3@agentcallback`): a dial-plan hop, not a phone. */
export function isLocalChannel(channel: string | undefined): boolean {
  return channel !== undefined && channel.toLowerCase().startsWith('local/');
}
