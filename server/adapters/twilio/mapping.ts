/**
 * Twilio TaskRouter event callbacks -> v1 contract events. A voice task is a call: its
 * `call_sid` attribute (else the TaskSid) is the callId, its TaskQueueName the queue.
 *
 * Ids are stable per fact (`tr-<TaskSid>-offered|answered|ended|ended-at-completion|wrapup`,
 * `tr-<TaskSid>-ringing-<ReservationSid>`, `tr-<WorkerSid>-<EventSid>-<kind>`), so a callback
 * Twilio delivers twice is a duplicate the floor drops. The floor knows a repeat by its id
 * and its ts together, so an id that more than one callback can send carries a ts that does
 * not depend on which one sent it: the offer is dated by the task's `TaskDateCreated`, and
 * `tr-<TaskSid>-ended` comes only from the one callback that ends a task (task.canceled or
 * task.wrapup). The mapper remembers per task what the floor was told (offered, answered by
 * whom, ended) to keep the order right; that memory is bounded. Never throws.
 */
import type { FloorEventInput, NotReadyReason } from '../../../shared/events.js';
import { emptyCounters, type AdapterCounters, type SourceMapResult } from '../types.js';
import type { LoggedEvent } from '../earlier-events.js';
import type { TwilioParams } from './signature.js';

export type AgentIdFrom =
  | 'WorkerName'
  | 'contact_uri'
  | { attribute: string }
  | ((params: Record<string, string>, workerAttributes: Record<string, unknown>) => string | undefined);

export interface TaskRouterMappingOptions {
  /** The events' `source`. Default `twilio-taskrouter`. */
  source?: string;
  /**
   * Where the floor's agent id comes from: the worker's friendly name (`WorkerName`, the
   * default), its `contact_uri` attribute (`client:1001` -> `1001`), another worker
   * attribute, or a function.
   */
  agentIdFrom?: AgentIdFrom;
  /** Activity name -> not-ready reason (case-insensitive). Unlisted activities are `other`. */
  activityReasons?: Record<string, NotReadyReason>;
  /** Activity names that mean available. Default `['Available']`. */
  availableActivities?: string[];
  /** Activity names that mean logged out. Default `['Offline']`. */
  offlineActivities?: string[];
  /** Queue for a task with no TaskQueueName and no `queue` attribute. */
  defaultQueue?: string;
  /** Task attribute holding who released the call (customer/agent/system). Default `released_by`. */
  releasedByAttribute?: string;
  /** Task attributes copied into wrapup.completed. Defaults `call_type` and `notes`. */
  callTypeAttribute?: string;
  notesAttribute?: string;
  /** The floor's station id for a worker. Default `twilio-<agentId>`. */
  stationId?: (agentId: string) => string;
  /** Tasks remembered. Default 50,000. */
  maxTrackedTasks?: number;
}

export type TaskRouterMapResult = SourceMapResult;

export interface TaskRouterMapper {
  /** One event callback's form params. Never throws. */
  map(params: TwilioParams): TaskRouterMapResult;
  /** The call this callback is about, if it names a task this mapper has no memory of (for `learn`). */
  callsToLearn(params: TwilioParams): string[];
  /**
   * Events the floor logged earlier about those calls: what this adapter told the floor
   * about each task (offered, answered by whom, ended) is remembered again, as if the
   * callbacks had been seen (after a restart, a task.completed must not end a call twice).
   */
  learn(events: ReadonlyArray<LoggedEvent>): void;
  noteRejected(events: number): void;
  counters(): AdapterCounters;
}

interface TaskMemory {
  callId: string;
  offered: boolean;
  answered: boolean;
  agentId?: string;
  ended: boolean;
}

class Failure extends Error {}

const RELEASED = new Set(['customer', 'agent', 'system']);
/**
 * `TaskCanceledReason` texts where TaskRouter gave up on the task, not the caller on the
 * queue: the task's TTL (`Task TTL Exceeded`, Twilio's text for a timed-out task; also seen
 * as `Task TTL Exceeded or Max assignment count exceeded`), the workflow's last step timing
 * out, the max assignment count. A voice task may time out while the call is still up
 * (twilio.com/docs/taskrouter/task-evaluation): not an abandon. Anything else (`hangup`,
 * a reason set by the app) stays the customer's.
 */
const SYSTEM_CANCEL = /\bttl\b|time[ -]?out|timed[ -]out|max(imum)? assignment/i;
const idPart = (s: string): string => s.replace(/\s+/g, '_').slice(0, 80);

function parseJson(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

export function createTaskRouterMapper(options: TaskRouterMappingOptions = {}): TaskRouterMapper {
  const source = options.source ?? 'twilio-taskrouter';
  const agentIdFrom = options.agentIdFrom ?? 'WorkerName';
  const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
  const available = lower(options.availableActivities ?? ['Available']);
  const offline = lower(options.offlineActivities ?? ['Offline']);
  const reasons = new Map(Object.entries(options.activityReasons ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const defaultQueue = options.defaultQueue ?? 'twilio-default';
  const releasedByAttribute = options.releasedByAttribute ?? 'released_by';
  const callTypeAttribute = options.callTypeAttribute ?? 'call_type';
  const notesAttribute = options.notesAttribute ?? 'notes';
  const stationOf = options.stationId ?? ((agentId: string) => `twilio-${agentId}`);
  const maxTracked = options.maxTrackedTasks ?? 50_000;
  const tasks = new Map<string, TaskMemory>();
  /** Worker -> last activity seen (lower case), to know when a login happened. */
  const activities = new Map<string, string>();
  const counters = emptyCounters();

  const flatten = (params: TwilioParams): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) {
      const value = Array.isArray(v) ? v[0] : v;
      if (value !== undefined) out[k] = value;
    }
    return out;
  };

  function agentOf(p: Record<string, string>): string | undefined {
    const attrs = parseJson(p.WorkerAttributes);
    if (typeof agentIdFrom === 'function') return str(agentIdFrom(p, attrs));
    if (agentIdFrom === 'WorkerName') return str(p.WorkerName);
    if (agentIdFrom === 'contact_uri') return str(attrs.contact_uri)?.replace(/^(client|sip):/i, '').replace(/@.*$/, '');
    return str(attrs[agentIdFrom.attribute]);
  }

  function timestamp(p: Record<string, string>): number {
    const ms = Number(p.TimestampMs);
    if (p.TimestampMs !== undefined && Number.isFinite(ms) && ms > 0) return Math.round(ms);
    const s = Number(p.Timestamp);
    if (p.Timestamp === undefined || !Number.isFinite(s) || s <= 0) throw new Failure(`${p.EventType}: no readable Timestamp`);
    return Math.round(s * 1000);
  }

  /**
   * When the task was created: `TaskDateCreated`, epoch seconds in event callbacks (epoch
   * milliseconds and ISO 8601, as Event Streams sends it, are read too). Undefined if absent
   * or unreadable.
   */
  function createdAt(p: Record<string, string>): number | undefined {
    const raw = str(p.TaskDateCreated);
    if (raw === undefined) return undefined;
    const numeric = /^\d+(\.\d+)?$/.test(raw);
    const n = numeric ? Number(raw) : Date.parse(raw);
    if (!Number.isFinite(n) || n <= 0) return undefined;
    return Math.round(numeric && n < 1e11 ? n * 1000 : n); // below 1e11: seconds (until the year 5138)
  }

  /** The task's memory, made (and the oldest forgotten past `maxTracked`) when it has none. */
  function memoryOf(sid: string, callId: string): TaskMemory {
    let memory = tasks.get(sid);
    if (!memory) {
      memory = { callId, offered: false, answered: false, ended: false };
      tasks.set(sid, memory);
      if (tasks.size > maxTracked) tasks.delete(tasks.keys().next().value!);
    }
    return memory;
  }

  function task(p: Record<string, string>, attrs: Record<string, unknown>): { sid: string; memory: TaskMemory } {
    const sid = str(p.TaskSid);
    if (sid === undefined) throw new Failure(`${p.EventType}: no TaskSid`);
    return { sid, memory: memoryOf(sid, str(attrs.call_sid) ?? sid) };
  }

  function map(raw: TwilioParams): TaskRouterMapResult {
    counters.read += 1;
    try {
      const out = translate(flatten(raw));
      if (typeof out === 'string') {
        counters.ignored += 1;
        return { outcome: 'ignored', events: [], reason: out };
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

  function translate(p: Record<string, string>): FloorEventInput[] | string {
    const type = str(p.EventType);
    if (type === undefined) throw new Failure('no EventType');
    const ts = timestamp(p);
    const out: FloorEventInput[] = [];
    const ev = (id: string, at: number, body: Record<string, unknown>) => out.push({ id, ts: at, source, ...body } as FloorEventInput);
    const attrs = parseJson(p.TaskAttributes);

    const offerIfNew = (sid: string, m: TaskMemory) => {
      if (m.offered) return;
      m.offered = true;
      // Every callback of the task may be the first one seen (after a restart, or a late
      // one): the offer's ts must not depend on which, so it is the task's creation time.
      // Without TaskDateCreated, back-dated by TaskAge (whole seconds: may differ by 1 s).
      const age = Number(p.TaskAge);
      const at = createdAt(p) ?? (Number.isFinite(age) && age > 0 ? ts - Math.round(age * 1000) : ts);
      const direction = str(attrs.direction)?.toLowerCase().startsWith('outbound') ? 'outbound' : 'inbound';
      const from = str(attrs.from);
      const to = str(attrs.to);
      ev(`tr-${idPart(sid)}-offered`, at, {
        type: 'call.offered', callId: m.callId, queue: str(p.TaskQueueName) ?? str(attrs.queue) ?? defaultQueue, direction,
        ...(from !== undefined && { from }), ...(to !== undefined && { to }),
      });
    };
    const end = (sid: string, m: TaskMemory, releasedBy: string, extra: Record<string, unknown> = {}, kind = 'ended') => {
      if (m.ended) return;
      m.ended = true;
      ev(`tr-${idPart(sid)}-${kind}`, ts, { type: 'call.ended', callId: m.callId, releasedBy, ...extra });
    };
    const needAgent = (): string => {
      const agentId = agentOf(p);
      if (agentId === undefined) throw new Failure(`${type}: no agent id for worker ${p.WorkerSid ?? '?'}`);
      return agentId;
    };

    switch (type) {
      case 'task.created':
      case 'task-queue.entered': {
        if (type === 'task.created' && str(p.TaskQueueName) === undefined) return 'task.created without a queue: offered on task-queue.entered';
        const { sid, memory } = task(p, attrs);
        offerIfNew(sid, memory);
        return out.length > 0 ? out : `${type}: task ${sid} already offered`;
      }
      case 'reservation.created': {
        const agentId = needAgent();
        const { sid, memory } = task(p, attrs);
        offerIfNew(sid, memory);
        ev(`tr-${idPart(sid)}-ringing-${idPart(p.ReservationSid ?? agentId)}`, ts, { type: 'call.ringing', callId: memory.callId, agentId });
        return out;
      }
      case 'reservation.accepted': {
        const agentId = needAgent();
        const { sid, memory } = task(p, attrs);
        offerIfNew(sid, memory);
        memory.answered = true;
        memory.agentId = agentId;
        ev(`tr-${idPart(sid)}-answered`, ts, { type: 'call.answered', callId: memory.callId, agentId });
        return out;
      }
      case 'reservation.rejected':
      case 'reservation.timeout':
      case 'reservation.canceled':
      case 'reservation.rescinded':
        // The ring stopped; TaskRouter offers the task to the next worker (a new ringing)
        // or cancels it (task.canceled). The contract has no "ring ended" event.
        return `${type}: the ring ended; the next reservation or the task's end says what follows`;
      case 'task.canceled': {
        const { sid, memory } = task(p, attrs);
        offerIfNew(sid, memory);
        // TaskCanceledReason in event callbacks; `Reason` in some deliveries.
        const reason = str(p.TaskCanceledReason) ?? str(p.Reason);
        const by = memory.answered || (reason !== undefined && SYSTEM_CANCEL.test(reason)) ? 'system' : 'customer';
        end(sid, memory, by, reason !== undefined ? { cancelReason: reason } : {});
        return out.length > 0 ? out : `task ${sid} already ended`;
      }
      case 'task.wrapup': {
        const { sid, memory } = task(p, attrs);
        offerIfNew(sid, memory);
        const released = str(attrs[releasedByAttribute])?.toLowerCase() ?? str(attrs.releasedBy)?.toLowerCase();
        end(sid, memory, released !== undefined && RELEASED.has(released) ? released : 'customer');
        return out.length > 0 ? out : `task ${sid} already ended`;
      }
      case 'task.completed': {
        const { sid, memory } = task(p, attrs);
        const released = str(attrs[releasedByAttribute])?.toLowerCase();
        // Only when no end was seen (no task.wrapup: the task skipped wrapping, or its callback
        // is late or was before a restart), under its own id: its ts is the completion's, and
        // `tr-<TaskSid>-ended` with another ts would be taken as another event.
        end(sid, memory, released !== undefined && RELEASED.has(released) ? released : memory.answered ? 'customer' : 'system', {}, 'ended-at-completion');
        const agentId = memory.agentId ?? agentOf(p);
        if (memory.answered && agentId !== undefined) {
          const callType = str(attrs[callTypeAttribute]);
          const notes = str(attrs[notesAttribute]);
          ev(`tr-${idPart(sid)}-wrapup`, ts, {
            type: 'wrapup.completed', callId: memory.callId, agentId,
            ...(callType !== undefined && { callType }), ...(notes !== undefined && { notes }),
          });
        }
        tasks.delete(sid);
        return out.length > 0 ? out : `task ${sid} completed without an agent`;
      }
      case 'worker.activity.update': {
        const agentId = needAgent();
        const activity = str(p.WorkerActivityName);
        if (activity === undefined) throw new Failure('worker.activity.update: no WorkerActivityName');
        const workerKey = str(p.WorkerSid) ?? agentId;
        const previous = str(p.WorkerPreviousActivityName)?.toLowerCase() ?? activities.get(workerKey);
        const now = activity.toLowerCase();
        activities.set(workerKey, now);
        const base = `tr-${idPart(workerKey)}-${idPart(p.Sid ?? String(ts))}`;
        const stationId = stationOf(agentId);
        if (offline.has(now)) {
          ev(`${base}-logout`, ts, { type: 'agent.logout', agentId, stationId });
          return out;
        }
        if (previous === undefined || offline.has(previous)) ev(`${base}-login`, ts, { type: 'agent.login', agentId, stationId });
        ev(`${base}-state`, ts, available.has(now)
          ? { type: 'agent.state', agentId, state: 'available' }
          : { type: 'agent.state', agentId, state: 'not_ready', reason: reasons.get(now) ?? 'other' });
        return out;
      }
      default:
        return `no mapping for ${type}`;
    }
  }

  /** `tr-<TaskSid>-<fact>`: the task facts this mapper sends, read back from their ids. */
  const TASK_FACT = /^tr-(.+)-(offered|answered|ended|ended-at-completion|wrapup)$/;

  return {
    map,
    callsToLearn(raw) {
      const p = flatten(raw);
      const sid = str(p.TaskSid);
      if (sid === undefined || tasks.has(sid) || !/^(task|reservation)\./.test(str(p.EventType) ?? '')) return [];
      return [str(parseJson(p.TaskAttributes).call_sid) ?? sid];
    },
    learn(events) {
      for (const e of events) {
        const match = TASK_FACT.exec(e.id);
        if (!match || e.callId === undefined) continue;
        const [, sid, fact] = match;
        const memory = memoryOf(sid, e.callId);
        memory.offered = true;
        if (fact === 'answered') {
          memory.answered = true;
          if (e.agentId !== undefined) memory.agentId = e.agentId;
        }
        if (fact === 'ended' || fact === 'ended-at-completion' || fact === 'wrapup') memory.ended = true;
      }
    },
    noteRejected(events) {
      counters.failed += events;
    },
    counters: () => ({ ...counters }),
  };
}
