/**
 * The little per-connection memory the AMI translation needs: which channels and unique ids
 * belong to which queued call, and who is on it. AMI events name channels, not calls, so a
 * Hangup or a Hold can only be placed on a call by remembering the channels seen before.
 */

export interface CallState {
  callId: string;
  queue: string;
  callerUniqueid: string;
  callerChannel?: string;
  /** Agent whose phone rings now (AgentCalled), until answered. */
  ringingAgentId?: string;
  /** Channels dialled towards agents (AgentCalled): channel/uniqueid -> agent id. */
  legs: Map<string, string>;
  agentId?: string;
  agentChannel?: string;
  agentUniqueid?: string;
  /** Answered through a Local channel Asterisk may optimise away (a `Local/` member without `/n`). */
  agentLocalOptimised?: boolean;
  answered: boolean;
  ended: boolean;
  held: boolean;
  transferred: boolean;
  /** The caller left the queue's waiting list (answered, abandoned, or timed out). */
  leftQueue: boolean;
  keys: Set<string>;
}

/** Beyond this many calls the oldest are forgotten: a PBX that never sends Hangup must not eat memory. */
const MAX_CALLS = 20_000;

export class CallIndex {
  private readonly byKey = new Map<string, CallState>();
  private readonly calls = new Map<string, CallState>();

  open(callId: string, queue: string, uniqueid: string): CallState {
    const call: CallState = {
      callId, queue, callerUniqueid: uniqueid, legs: new Map(), answered: false, ended: false,
      held: false, transferred: false, leftQueue: false, keys: new Set(),
    };
    this.calls.set(callId, call);
    this.link(call, uniqueid);
    if (this.calls.size > MAX_CALLS) {
      const oldest = this.calls.values().next().value;
      if (oldest) this.forget(oldest);
    }
    return call;
  }

  /** Remembers that a channel name or unique id belongs to the call. */
  link(call: CallState, key: string | undefined): void {
    if (key === undefined || key === '' || key === '<unknown>') return;
    call.keys.add(key);
    this.byKey.set(key, call);
  }

  /** The call a channel name / unique id / linked id belongs to (first match wins). */
  find(...keys: Array<string | undefined>): CallState | undefined {
    for (const k of keys) {
      if (k === undefined || k === '') continue;
      const call = this.byKey.get(k);
      if (call) return call;
    }
    return undefined;
  }

  forget(call: CallState): void {
    for (const k of call.keys) if (this.byKey.get(k) === call) this.byKey.delete(k);
    this.calls.delete(call.callId);
  }

  all(): CallState[] {
    return [...this.calls.values()];
  }

  clear(): void {
    this.byKey.clear();
    this.calls.clear();
  }
}

/**
 * Event ids: `ami-<host>-<subject>-<event>-<stamp>`. With `timestampevents=yes` the stamp is
 * Asterisk's own microsecond timestamp, so the same AMI message always gives the same id and
 * a resend (or a replay of a recording) is idempotent. Without it the stamp is the receipt
 * time; a counter separates two messages that would otherwise share an id.
 */
export class IdMaker {
  private readonly seen = new Map<string, number>();

  constructor(private readonly host: string) {}

  /** `exact`: the stamp is Asterisk's own, so no counter (the same message must give the same id). */
  make(subject: string, event: string, stamp: string, exact: boolean): string {
    const base = `ami-${this.host}-${subject}-${event.toLowerCase()}-${stamp}`.slice(0, 190);
    if (exact) return base;
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    if (this.seen.size > 50_000) this.seen.clear();
    return n === 0 ? base : `${base}.${n}`;
  }
}
