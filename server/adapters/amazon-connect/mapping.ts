/**
 * Amazon Connect -> v1 contract events. Two inputs, one mapper:
 *
 * - agent event stream records (real time): the previous and current agent snapshots are
 *   diffed, so each record says what changed for that agent and its contacts;
 * - contact records (CTRs, after the contact): the whole contact at once, delivered at
 *   least once and in no guaranteed order.
 *
 * Both describe the same contacts, so the events they share get the same ids
 * (`connect-<ContactId>-offered|answered|ended|wrapup`) and the same time: whichever
 * arrives first is applied, the other is a duplicate the floor drops. The floor knows a
 * repeat by id and time together, and the two sources stamp the same moment differently
 * (the stream to the millisecond, the record to the second), so each such fact keeps the
 * time it was first sent with, remembered per contact, and learnt back from the floor's
 * log for a contact this process has not seen (`learn`: after a restart, the record of a
 * call that ended before it). A contact record never seen before still gives the whole
 * contact (abandoned calls never reach an agent's stream).
 *
 * Pure translation with a small memory (per contact: the last LastUpdateTimestamp, and
 * the facts sent with their times); never throws: a record missing what its translation
 * needs is `failed`.
 */
import type { FloorEventInput, NotReadyReason } from '../../../shared/events.js';
import { emptyCounters, type AdapterCounters, type SourceMapResult } from '../types.js';
import type { LoggedEvent } from '../earlier-events.js';
import {
  recordKind, type AgentSnapshot, type AgentSnapshotContact, type ConnectAgentEvent, type ConnectContactRecord,
} from './records.js';

export interface ConnectMappingOptions {
  /** The events' `source`. Default `amazon-connect`. */
  source?: string;
  /** Agent status name -> not-ready reason (case-insensitive). Unlisted names are `other`. */
  statusReasons?: Record<string, NotReadyReason>;
  /** Status names that mean "available". Default `['Available']`. */
  availableStatuses?: string[];
  /** Status names that mean "logged out" on the floor. Default `['Offline']`. */
  offlineStatuses?: string[];
  /** Channels the floor follows. Default `['VOICE']` (chats and tasks are ignored). */
  channels?: string[];
  /** Queue name for a contact that carries none (e.g. an outbound call without a queue). */
  defaultQueue?: string;
  /** Connect cannot know whether the customer agreed to a hold. Default true (see docs). */
  holdConsent?: boolean;
  /**
   * Whether the agent stream's ENDED ends the call on the floor (at once, releasedBy
   * `agentStreamReleasedBy`) or the contact record does (later, with the true
   * DisconnectReason). Default true: the floor stays live; see docs for the trade-off.
   */
  agentStreamEndsCalls?: boolean;
  agentStreamReleasedBy?: 'customer' | 'agent' | 'system';
  /**
   * Whether a contact leaving the agent's snapshot after ENDED (the agent closed
   * after-contact work) sends wrapup.completed. Default false: the stream carries no call
   * type or notes, so the wrap-up rule would flag every call; the contact record's
   * wrap-up (with the attributes below) is sent instead.
   */
  agentStreamWrapups?: boolean;
  /** Contact attributes copied into wrapup.completed. Defaults `callType` and `notes`. */
  callTypeAttribute?: string;
  notesAttribute?: string;
  /** The floor's station id for an agent's softphone. Default `ccp-<agentId>`. */
  stationId?: (agentId: string) => string;
  /** Contacts whose last update and facts sent are remembered for de-duplication. Default 100,000. */
  maxTrackedContacts?: number;
}

export type ConnectMapResult = SourceMapResult;

export interface ConnectMapper {
  /** One agent event stream record. Never throws. */
  mapAgentEvent(record: unknown): ConnectMapResult;
  /** One contact record (CTR). A repeat or an older version of one already seen is ignored. */
  mapContactRecord(record: unknown): ConnectMapResult;
  /** Records the floor refused events of (the webhook calls this after its sink answered). */
  noteRejected(records: number): void;
  /** Of these records, the ContactIds of contact records whose facts this mapper has no memory of. */
  contactsToLearn(records: readonly unknown[]): string[];
  /**
   * Events the floor logged earlier (the log's own, for `contactsToLearn`): the facts among
   * them this adapter sent are remembered with their times, so sending them again is a repeat.
   */
  learn(events: ReadonlyArray<LoggedEvent>): void;
  counters(): AdapterCounters;
}

const RELEASED_BY: Record<string, 'customer' | 'agent' | 'system'> = {
  CUSTOMER_DISCONNECT: 'customer',
  AGENT_DISCONNECT: 'agent',
  THIRD_PARTY_DISCONNECT: 'customer',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/** Connect writes ISO 8601 UTC (`2026-11-28T01:00:03.120Z`); anything unreadable is absent. */
const time = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
};
/** The contact facts both sources send, by the event type that carries each. */
const FACT_OF_TYPE: Record<string, Fact | undefined> = {
  'call.offered': 'offered', 'call.answered': 'answered', 'call.ended': 'ended', 'wrapup.completed': 'wrapup',
};
type Fact = 'offered' | 'answered' | 'ended' | 'wrapup';

/** Ids stay well under the contract's 200 characters. */
const idPart = (s: string): string => s.replace(/\s+/g, '_').slice(0, 80);

class Failure extends Error {}

export function createConnectMapper(options: ConnectMappingOptions = {}): ConnectMapper {
  const source = options.source ?? 'amazon-connect';
  const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
  const available = lower(options.availableStatuses ?? ['Available']);
  const offline = lower(options.offlineStatuses ?? ['Offline']);
  const channels = new Set((options.channels ?? ['VOICE']).map((c) => c.toUpperCase()));
  const reasons = new Map(Object.entries(options.statusReasons ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const defaultQueue = options.defaultQueue ?? 'connect-default';
  const holdConsent = options.holdConsent ?? true;
  const agentStreamEndsCalls = options.agentStreamEndsCalls ?? true;
  const agentStreamReleasedBy = options.agentStreamReleasedBy ?? 'customer';
  const agentStreamWrapups = options.agentStreamWrapups ?? false;
  const callTypeAttribute = options.callTypeAttribute ?? 'callType';
  const notesAttribute = options.notesAttribute ?? 'notes';
  const stationOf = options.stationId ?? ((agentId: string) => `ccp-${agentId}`);
  const maxTracked = options.maxTrackedContacts ?? 100_000;
  const lastUpdate = new Map<string, number>();
  /** Per contact: each fact sent, with the time it was sent with. */
  const factsSent = new Map<string, Map<Fact, number>>();
  const counters = emptyCounters();

  const ev = (id: string, ts: number, body: Record<string, unknown>): FloorEventInput =>
    ({ id, ts, source, ...body }) as FloorEventInput;
  const contactId = (cid: string, kind: string) => `connect-${idPart(cid)}-${kind}`;

  /** `map.set`, as the newest entry, dropping the oldest past `maxTracked`. */
  function track<V>(map: Map<string, V>, cid: string, value: V): void {
    map.delete(cid);
    map.set(cid, value);
    if (map.size > maxTracked) map.delete(map.keys().next().value!);
  }

  /** A contact fact, at the time it was first sent with if it was (then the floor drops it as a repeat). */
  function fact(cid: string, kind: Fact, ts: number, body: Record<string, unknown>): FloorEventInput {
    const facts = factsSent.get(cid) ?? new Map<Fact, number>();
    const at = facts.get(kind) ?? ts;
    facts.set(kind, at);
    track(factsSent, cid, facts);
    return ev(contactId(cid, kind), at, body);
  }
  const direction = (method: unknown): 'inbound' | 'outbound' => (method === 'OUTBOUND' ? 'outbound' : 'inbound');
  const followed = (channel: unknown) => typeof channel !== 'string' || channels.has(channel.toUpperCase());

  function finish(run: () => FloorEventInput[] | string): ConnectMapResult {
    counters.read += 1;
    try {
      const out = run();
      if (typeof out === 'string') {
        counters.ignored += 1;
        return { outcome: 'ignored', events: [], reason: out };
      }
      if (out.length === 0) {
        counters.ignored += 1;
        return { outcome: 'ignored', events: [], reason: 'nothing the floor shows changed' };
      }
      counters.mapped += 1;
      counters.events += out.length;
      counters.lastEventAt = Math.max(counters.lastEventAt ?? 0, ...out.map((e) => Number(e.ts)));
      return { outcome: 'mapped', events: out };
    } catch (err) {
      counters.failed += 1;
      const reason = err instanceof Failure ? err.message : `mapping error: ${(err as Error).message}`;
      counters.lastError = reason;
      return { outcome: 'failed', events: [], reason };
    }
  }

  // ---- agent status ------------------------------------------------------------------

  function presence(name: string | undefined): 'offline' | 'available' | NotReadyReason | undefined {
    if (name === undefined) return undefined;
    const key = name.toLowerCase();
    if (offline.has(key)) return 'offline';
    if (available.has(key)) return 'available';
    return reasons.get(key) ?? 'other';
  }

  function statusEvents(agentId: string, key: string, prev: string | undefined, cur: string | undefined, at: number, login: boolean): FloorEventInput[] {
    const out: FloorEventInput[] = [];
    const p = presence(prev);
    const c = presence(cur);
    const stationId = stationOf(agentId);
    const base = `connect-agent-${idPart(agentId)}-${idPart(key)}`;
    if (c === 'offline') {
      if (!login && p !== 'offline') out.push(ev(`${base}-logout`, at, { type: 'agent.logout', agentId, stationId }));
      return out;
    }
    if (login || p === 'offline') out.push(ev(`${base}-login`, at, { type: 'agent.login', agentId, stationId }));
    if (c === undefined || (c === p && !login)) return out;
    out.push(ev(`${base}-state`, at, c === 'available'
      ? { type: 'agent.state', agentId, state: 'available' }
      : { type: 'agent.state', agentId, state: 'not_ready', reason: c }));
    return out;
  }

  // ---- contacts in the agent stream --------------------------------------------------

  function offered(c: AgentSnapshotContact, cid: string, at: number): FloorEventInput {
    return fact(cid, 'offered', Math.min(time(c.QueueTimestamp) ?? at, at), {
      type: 'call.offered', callId: cid, queue: text(c.Queue?.Name) ?? defaultQueue, direction: direction(c.InitiationMethod),
    });
  }

  function answered(c: AgentSnapshotContact, cid: string, agentId: string, at: number): FloorEventInput {
    return fact(cid, 'answered', time(c.ConnectedToAgentTimestamp) ?? at, { type: 'call.answered', callId: cid, agentId });
  }

  const TALKING = new Set(['CONNECTED', 'CONNECTED_ONHOLD']);

  function contactEvents(agentId: string, prevSnap: AgentSnapshot | undefined, curSnap: AgentSnapshot | undefined, at: number): FloorEventInput[] {
    const out: FloorEventInput[] = [];
    const list = (s: AgentSnapshot | undefined) => (Array.isArray(s?.Contacts) ? s.Contacts : []).filter((c) => isObject(c) && text(c.ContactId) !== undefined && followed(c.Channel));
    const prevContacts = new Map(list(prevSnap).map((c) => [text(c.ContactId)!, c]));
    const curContacts = list(curSnap);
    const ended = (cid: string, ts: number) => {
      if (agentStreamEndsCalls) out.push(fact(cid, 'ended', ts, { type: 'call.ended', callId: cid, releasedBy: agentStreamReleasedBy }));
    };
    for (const c of curContacts) {
      const cid = text(c.ContactId)!;
      const before = text(prevContacts.get(cid)?.State);
      const state = text(c.State);
      if (state === before) continue;
      const stateAt = time(c.StateStartTimestamp) ?? at;
      switch (state) {
        case 'PENDING': // a callback waiting for this agent: offered, not yet ringing
          out.push(offered(c, cid, stateAt));
          break;
        case 'INCOMING':
        case 'CONNECTING':
          if (before === 'INCOMING' || before === 'CONNECTING') break; // still the same ring
          out.push(offered(c, cid, stateAt));
          out.push(ev(`${contactId(cid, 'ringing')}-${idPart(agentId)}-${stateAt}`, stateAt, { type: 'call.ringing', callId: cid, agentId }));
          break;
        case 'CONNECTED':
          if (before === 'CONNECTED_ONHOLD') {
            // Holds are dated by the record, not the state: Connect leaves StateStartTimestamp
            // at the connect time through hold and back (AgentContactReference: "When
            // AgentContactState is set to CONNECTED_ONHOLD, StateStartTimestamp is not changed").
            out.push(ev(`${contactId(cid, 'unhold')}-${at}`, at, { type: 'call.unhold', callId: cid, agentId }));
          } else {
            out.push(offered(c, cid, stateAt), answered(c, cid, agentId, stateAt));
          }
          break;
        case 'CONNECTED_ONHOLD':
          if (before !== 'CONNECTED') out.push(offered(c, cid, stateAt), answered(c, cid, agentId, stateAt));
          out.push(ev(`${contactId(cid, 'hold')}-${at}`, at, { type: 'call.hold', callId: cid, agentId, consent: holdConsent }));
          break;
        case 'ENDED':
          // Ended while talking: the call is over and after-contact work begins.
          if ((before !== undefined && TALKING.has(before)) || (before === undefined && time(c.ConnectedToAgentTimestamp) !== undefined)) {
            ended(cid, stateAt);
          }
          break;
        default:
          // MISSED, ERROR, REJECTED: the ring ended unanswered; Connect routes the contact on.
          // The contract has no "ring stopped" event: the next ringing (or the end) says it.
          break;
      }
    }
    const current = new Set(curContacts.map((c) => text(c.ContactId)!));
    for (const [cid, c] of prevContacts) {
      if (current.has(cid)) continue;
      const before = text(c.State);
      if (before === 'ENDED') {
        // The agent closed after-contact work: the contact left the snapshot.
        if (agentStreamWrapups) out.push(fact(cid, 'wrapup', at, { type: 'wrapup.completed', callId: cid, agentId }));
      } else if (before !== undefined && TALKING.has(before)) {
        ended(cid, at);
      }
    }
    return out;
  }

  const username = (s: AgentSnapshot | undefined): string | undefined => text(s?.Configuration?.Username);
  const snapshot = (v: unknown): AgentSnapshot | undefined => (isObject(v) ? (v as AgentSnapshot) : undefined);

  function mapAgentEvent(raw: unknown): ConnectMapResult {
    return finish(() => {
      if (!isObject(raw)) throw new Failure('agent event: not a JSON object');
      const r = raw as ConnectAgentEvent;
      const type = text(r.EventType);
      if (type === undefined) throw new Failure('agent event: no EventType');
      if (type === 'HEART_BEAT') return 'HEART_BEAT: a periodic snapshot, nothing changed';
      if (type !== 'LOGIN' && type !== 'LOGOUT' && type !== 'STATE_CHANGE') return `no mapping for agent event ${type}`;
      const cur = snapshot(r.CurrentAgentSnapshot);
      const prev = snapshot(r.PreviousAgentSnapshot);
      const agentId = username(cur) ?? username(prev);
      if (agentId === undefined) throw new Failure(`${type}: no Configuration.Username`);
      const at = time(r.EventTimestamp);
      if (at === undefined) throw new Failure(`${type}: no readable EventTimestamp`);
      // EventId is the same on every redelivery of one record: stable ids.
      const key = text(r.EventId) ?? `${type}-${at}`;
      if (type === 'LOGOUT') {
        return [ev(`connect-agent-${idPart(agentId)}-${idPart(key)}-logout`, at, { type: 'agent.logout', agentId, stationId: stationOf(agentId) })];
      }
      const curStatus = text(cur?.AgentStatus?.Name);
      const statusAt = time(cur?.AgentStatus?.StartTimestamp) ?? at;
      if (type === 'LOGIN') return statusEvents(agentId, key, undefined, curStatus, Math.min(statusAt, at), true);
      const prevStatus = text(prev?.AgentStatus?.Name);
      return [
        ...(prevStatus === curStatus ? [] : statusEvents(agentId, key, prevStatus, curStatus, statusAt, false)),
        ...contactEvents(agentId, prev, cur, at),
      ];
    });
  }

  // ---- contact records ---------------------------------------------------------------

  function mapContactRecord(raw: unknown): ConnectMapResult {
    return finish(() => {
      if (!isObject(raw)) throw new Failure('contact record: not a JSON object');
      const r = raw as ConnectContactRecord;
      const cid = text(r.ContactId);
      if (cid === undefined) throw new Failure('contact record: no ContactId');
      const updated = time(r.LastUpdateTimestamp);
      if (updated === undefined) throw new Failure(`contact record ${cid}: no readable LastUpdateTimestamp`);
      const seen = lastUpdate.get(cid);
      if (seen !== undefined && updated <= seen) {
        return `contact record ${cid}: duplicate (LastUpdateTimestamp ${r.LastUpdateTimestamp} not newer than the one applied)`;
      }
      track(lastUpdate, cid, updated);
      if (!followed(r.Channel)) return `contact record ${cid}: channel ${String(r.Channel)} not followed`;

      const queue = isObject(r.Queue) ? text(r.Queue.Name) : undefined;
      const agent = isObject(r.Agent) ? r.Agent : undefined;
      const agentId = text(agent?.Username);
      if (queue === undefined && agentId === undefined) return `contact record ${cid}: never queued nor reached an agent`;
      const offeredAt = (isObject(r.Queue) ? time(r.Queue.EnqueueTimestamp) : undefined) ?? time(r.InitiationTimestamp);
      if (offeredAt === undefined) throw new Failure(`contact record ${cid}: neither Queue.EnqueueTimestamp nor InitiationTimestamp`);

      const out: FloorEventInput[] = [];
      const from = text(r.CustomerEndpoint?.Address);
      const to = text(r.SystemEndpoint?.Address);
      const outbound = direction(r.InitiationMethod) === 'outbound';
      out.push(fact(cid, 'offered', offeredAt, {
        type: 'call.offered', callId: cid, queue: queue ?? defaultQueue, direction: outbound ? 'outbound' : 'inbound',
        ...(outbound ? { ...(to && { from: to }), ...(from && { to: from }) } : { ...(from && { from }), ...(to && { to }) }),
      }));
      const connectedAt = time(agent?.ConnectedToAgentTimestamp);
      if (agentId !== undefined && connectedAt !== undefined) {
        out.push(fact(cid, 'answered', connectedAt, { type: 'call.answered', callId: cid, agentId }));
      }
      const disconnectedAt = time(r.DisconnectTimestamp);
      if (disconnectedAt !== undefined) {
        const reason = text(r.DisconnectReason);
        out.push(fact(cid, 'ended', disconnectedAt, {
          type: 'call.ended', callId: cid, releasedBy: (reason && RELEASED_BY[reason]) ?? 'system',
        }));
      }
      const acwEnd = time(agent?.AfterContactWorkEndTimestamp);
      if (agentId !== undefined && connectedAt !== undefined && acwEnd !== undefined) {
        const attrs = isObject(r.Attributes) ? r.Attributes : {};
        const callType = text(attrs[callTypeAttribute]);
        const notes = text(attrs[notesAttribute]);
        out.push(fact(cid, 'wrapup', acwEnd, {
          type: 'wrapup.completed', callId: cid, agentId, ...(callType && { callType }), ...(notes && { notes }),
        }));
      }
      return out;
    });
  }

  return {
    mapAgentEvent,
    mapContactRecord,
    noteRejected(records) {
      counters.failed += records;
    },
    contactsToLearn(records) {
      const out = new Set<string>();
      for (const r of records) {
        const cid = recordKind(r) === 'contact-record' ? text((r as ConnectContactRecord).ContactId) : undefined;
        if (cid !== undefined && !factsSent.has(cid)) out.add(cid);
      }
      return [...out];
    },
    learn(events) {
      for (const e of events) {
        const kind = FACT_OF_TYPE[e.type];
        // Only this adapter's own events: another feed's about the same call id are not its facts.
        if (kind === undefined || e.callId === undefined || e.id !== contactId(e.callId, kind)) continue;
        const facts = factsSent.get(e.callId) ?? new Map<Fact, number>();
        if (!facts.has(kind)) facts.set(kind, e.ts);
        track(factsSent, e.callId, facts);
      }
    },
    counters: () => ({ ...counters }),
  };
}
