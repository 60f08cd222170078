/**
 * What the channel data inside a mod_callcenter event says about how a leg ended. Pure
 * readers over an event's headers (`get`), no memory.
 *
 * mod_callcenter fills each `bridge-agent-end` with the agent leg's channel data and each
 * `member-queue-end` with the caller's (`switch_channel_event_set_data`), so beside its own
 * `CC-*` headers the event carries that channel's `Hangup-Cause` (once it has one),
 * `Answer-State` and, as a CUSTOM event, all its variables (`variable_*`; switch_channel.c
 * `switch_channel_event_set_extended_data`).
 */

type Get = (key: string) => string | undefined;

/** Q.850 / FreeSWITCH causes that mean the switch, not a person, ended the call. */
export const SYSTEM_CAUSES = new Set([
  'SYSTEM_SHUTDOWN', 'MANAGER_REQUEST', 'ALLOTTED_TIMEOUT', 'MEDIA_TIMEOUT', 'RECOVERY_ON_TIMER_EXPIRE',
  'NORMAL_TEMPORARY_FAILURE', 'DESTINATION_OUT_OF_ORDER', 'NETWORK_OUT_OF_ORDER', 'SWITCH_CONGESTION',
  'CRASH', 'LOSE_RACE', 'PROGRESS_TIMEOUT', 'GATEWAY_DOWN',
]);

/**
 * `CC-Hangup-Cause` is not how the call ended: it is the result of mod_callcenter's
 * originate to the agent (`SUCCESS`, or `NONE` for uuid-standby agents), the same on every
 * answered call. Those two say nothing and are dropped.
 */
const ORIGINATE_RESULTS = new Set(['SUCCESS', 'NONE']);

/**
 * The hang-up cause of the channel the event describes: `Hangup-Cause` (set once the channel
 * hung up), then the `hangup_cause` variable, and `CC-Hangup-Cause` last (older builds may
 * carry a real cause there).
 */
export function hangupCauseOf(get: Get): string | undefined {
  const cc = get('CC-Hangup-Cause');
  return get('Hangup-Cause') ?? get('variable_hangup_cause')
    ?? (cc !== undefined && !ORIGINATE_RESULTS.has(cc.toUpperCase()) ? cc : undefined);
}

export function isSystemCause(cause: string | undefined): boolean {
  return cause !== undefined && SYSTEM_CAUSES.has(cause.toUpperCase());
}

/** The channel the event describes has hung up (as opposed to still up, e.g. transferred on). */
export function channelGone(get: Get): boolean {
  return get('Answer-State')?.toLowerCase() === 'hangup' || get('Hangup-Cause') !== undefined;
}

/** A transfer the agent's phone made with SIP REFER, read from the agent leg's variables. */
export interface AgentTransfer {
  kind: 'blind' | 'attended';
  /** The Refer-To user part for a blind transfer (`9000`); unknown for an attended one. */
  extension?: string;
}

/**
 * mod_sofia (`sofia_handle_sip_i_refer`) marks the leg that sent a REFER:
 * - blind: `transfer_to=blind:<uuid of the leg it was bridged to>` and
 *   `transfer_destination=blind:<extension>`, then transfers that other leg (the caller) to
 *   the extension. The uuid must be one of this call's caller legs (`callerLegs`), so a
 *   variable left on a long-lived channel from an earlier call is not taken for this one.
 * - attended: `transfer_to=att:<uuid>` (REFER with Replaces on this leg), `satt:<uuid>` (on
 *   the replaced originating leg), `endpoint_disposition=ATTENDED_TRANSFER` (the replaced
 *   leg), or the leg hung up with cause `ATTENDED_TRANSFER`. The destination is another call
 *   of the agent's phone: no extension to read.
 */
export function agentTransferOf(get: Get, callerLegs: ReadonlySet<string>): AgentTransfer | undefined {
  const to = get('variable_transfer_to') ?? '';
  const destination = get('variable_transfer_destination') ?? '';
  if (to.startsWith('blind:') && callerLegs.has(to.slice(6)) && destination.startsWith('blind:')) {
    const extension = destination.slice(6).trim();
    return { kind: 'blind', ...(extension !== '' && { extension }) };
  }
  const attended = to.startsWith('att:') || to.startsWith('satt:')
    || get('variable_endpoint_disposition')?.toUpperCase() === 'ATTENDED_TRANSFER'
    || get('Hangup-Cause')?.toUpperCase() === 'ATTENDED_TRANSFER';
  if (attended) {
    return { kind: 'attended' };
  }
  return undefined;
}
