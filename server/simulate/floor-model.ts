/**
 * The simulated floor as a discrete-event simulation. Actions wait in a time-ordered heap;
 * running one changes the floor and emits events stamped with the current virtual time,
 * so the output is in `ts` order by construction and only what is in flight is in memory.
 *
 * This file is the ACD and the call lifecycle: arrivals, queueing, abandons, ringing,
 * answering, the conversation plan played out, wrap-up, callbacks. What an agent does
 * between calls (breaks, rest, incidents, logging in and out) is in agent-day.ts.
 */
import type { RulesConfig } from '../../shared/rules-config.js';
import type { ScheduledBreak } from '../../shared/schedule.js';
import type { BreachPlanner } from './breaches.js';
import { rollCallBreaches } from './call-breaches.js';
import { planConversation, type ConversationPlan, type ConversationSpec } from './conversation.js';
import { ArrivalProcess, inboundCaller, patienceMs, phoneNumber, queueWeights } from './demand.js';
import { slotsFor, topicsFor, type Topic } from './dialogue.js';
import { EventHeap } from './event-heap.js';
import { clamp, type Random } from './random.js';
import type { AgentProfile } from './roster.js';
import type { EventBody, SimEvent, Timed } from './sim-event.js';
import { CallerLine, Fifo, type Waiter } from './waiting-line.js';

const S = 1000;
const MIN = 60 * S;
export const OUTBOUND_QUEUE = 'outbound';
const GENERIC_URGENT = '客户反映银行卡疑似被冒用，已协助冻结，需紧急处理';

export interface PendingCallback {
  /** The call on which it was promised (callback.completed refers to it). */
  callId: string;
  number: string;
  topic: Topic;
  plannedAt: number;
  due: number;
  /** A planned breach: made after it was due. */
  late: boolean;
}

export interface AgentSim {
  profile: AgentProfile;
  status: 'offline' | 'idle' | 'busy' | 'not_ready';
  /** Bumped on every status change: a scheduled action carrying an older token is stale. */
  token: number;
  /** Resting off-hook and willing to come back when callers queue. */
  nudgeable: boolean;
  /** The plan's breaks and meals still ahead, in time order. */
  windows: ScheduledBreak[];
  /** A planned slip: a meal at this moment, though none is arranged then (Infinity: none). */
  unarrangedMealAt: number;
  /** The shift is over: the agent leaves at the next free moment the seat may be left. */
  leaving: boolean;
  /** The lead let the agent leave before the relief came (article 79). */
  approvedBy?: string;
  callbacks: PendingCallback[];
  /** Things to do at the next free moment (a private call, stepping away). */
  pending: Array<'private' | 'away' | 'other'>;
}

interface InboundCall extends Waiter {
  callId: string;
  from?: string;
  numberClass: 'customer' | 'unknown';
  topic: Topic;
}

export interface FloorSettings {
  /** Event ids are `<idPrefix>-<n>`, call ids `<idPrefix>-call-<n>`. */
  idPrefix: string;
  start: number;
  end: number;
  queues: readonly string[];
  rules: RulesConfig['rules'];
  utcOffsetMinutes: number;
  loginWindowMs: number;
  load: number;
}

export abstract class FloorModel {
  now: number;
  closing = false;
  protected readonly agenda = new EventHeap<() => void>();
  private out: SimEvent[] = [];
  private eventNo = 0;
  private callNo = 0;
  protected readonly callers = new CallerLine<InboundCall>();
  private readonly idleLine = new Fifo<{ agent: AgentSim; token: number }>();
  idleCount = 0;
  ringingCount = 0;
  /** Logged-in agents who take calls (leads excluded). */
  takersOnShift = 0;
  protected readonly resting = new Set<AgentSim>();
  /** Inbound calls not yet answered nor ended: the queue's waiting calls, ringing ones included (as the engine counts them). */
  private readonly unanswered = new Set<InboundCall>();
  /** Agents resting off-hook as a planned slip, until a call waits too long (then it is a breach) or they are back. */
  private readonly restSlips = new Map<AgentSim, number>();
  private readonly arrivals: ArrivalProcess;
  private readonly weights: Array<readonly [string, number]>;

  constructor(
    protected readonly s: FloorSettings,
    protected readonly rng: Random,
    protected readonly breaches: BreachPlanner,
    callTakers: number,
  ) {
    this.now = s.start;
    this.arrivals = new ArrivalProcess(rng, callTakers, s.load, s.utcOffsetMinutes);
    this.weights = queueWeights(s.queues);
  }

  /** What an agent does when free (agent-day.ts). */
  protected abstract free(agent: AgentSim): void;

  *run(): Generator<SimEvent, void, undefined> {
    for (let next = this.agenda.pop(); next; next = this.agenda.pop()) {
      this.now = next.at;
      next.item();
      if (this.out.length > 0) {
        const batch = this.out;
        this.out = [];
        yield* batch;
      }
    }
  }

  /**
   * Schedules at t, rounded *up* to the millisecond: an action due at a fractional time
   * must never run before it (an idle agent woken early for a break would go back to
   * sleep until the same millisecond, forever).
   */
  at(t: number, action: () => void): void {
    this.agenda.push(Math.max(this.now, Math.ceil(t)), action);
  }

  /** Runs `action` at t only if the agent has not changed status since. */
  atIfUnchanged(agent: AgentSim, t: number, action: () => void): void {
    const token = agent.token;
    this.at(t, () => {
      if (agent.token === token) action();
    });
  }

  emit(body: EventBody): void {
    // id, type and ts first (as in the contract's examples); Object.assign keeps `type` in place.
    const event: Record<string, unknown> = { id: `${this.s.idPrefix}-${this.eventNo++}`, type: body.type, ts: this.now };
    this.out.push(Object.assign(event, body, { source: 'simulator' }) as SimEvent);
  }

  setStatus(agent: AgentSim, status: AgentSim['status']): void {
    if (agent.status === 'idle') this.idleCount -= 1;
    if (agent.nudgeable) {
      agent.nudgeable = false;
      this.resting.delete(agent);
    }
    agent.status = status;
    agent.token += 1;
    if (status === 'idle') {
      this.idleCount += 1;
      this.idleLine.push({ agent, token: agent.token });
    }
  }

  private newCallId(): string {
    return `${this.s.idPrefix}-call-${this.callNo++}`;
  }

  // ---- inbound ----------------------------------------------------------------------

  /** Schedules the first arrival; each arrival schedules the next, until the floor closes. */
  startArrivals(from: number): void {
    const first = this.arrivals.nextAfter(from);
    if (first < this.s.end) this.at(first, () => this.arrive());
  }

  private arrive(): void {
    const queue = this.rng.weighted(this.weights);
    const caller = inboundCaller(this.rng);
    const call: InboundCall = {
      callId: this.newCallId(), queue, offeredAt: this.now, state: 'queued', topic: this.rng.pick(topicsFor(queue)), ...caller,
    };
    this.emit({
      type: 'call.offered', callId: call.callId, queue, direction: 'inbound', numberClass: call.numberClass,
      ...(call.from !== undefined ? { from: call.from } : {}),
    });
    this.unanswered.add(call);
    if (this.restSlips.size > 0) this.watchWait(call);
    const agent = this.popIdle();
    if (agent) {
      this.ring(agent, call);
    } else {
      this.callers.add(call);
      this.at(this.now + patienceMs(this.rng, queue), () => {
        if (call.state !== 'queued') return;
        this.callers.abandon(call);
        this.unanswered.delete(call);
        this.emit({ type: 'call.ended', callId: call.callId, releasedBy: 'customer' });
      });
      this.nudgeResting();
    }
    const next = this.arrivals.nextAfter(this.now);
    if (next < this.s.end) this.at(next, () => this.arrive());
  }

  /** Callers are queueing: agents resting off-hook come back within seconds (art. 88). */
  private nudgeResting(): void {
    for (const agent of [...this.resting]) {
      this.resting.delete(agent);
      agent.nudgeable = false;
      this.atIfUnchanged(agent, this.now + this.rng.uniform(3, 15) * S, () => this.backFromNotReady(agent));
    }
  }

  /**
   * The rest-off-hook slip is a breach once a call has waited past the limit while the
   * agent rests (art. 88), which may be at once, later, or never (the others serve the
   * queue first): it is reported when, and only if, that happens.
   */
  protected restWhileCallsWait(agent: AgentSim): void {
    this.restSlips.set(agent, agent.token);
    for (const call of this.unanswered) this.watchWait(call);
  }

  private watchWait(call: InboundCall): void {
    const limit = call.offeredAt + this.s.rules['rest-off-hook'].waitSeconds * 1000;
    const check = (): void => {
      if (!this.unanswered.has(call)) return;
      for (const [agent, token] of this.restSlips) {
        this.restSlips.delete(agent);
        if (agent.token !== token) continue; // back before any call waited too long
        this.breaches.note({ rule: 'rest-off-hook', ts: this.now, agentId: agent.profile.agentId, detail: 'rest-while-calls-wait' });
      }
    };
    if (limit <= this.now) check();
    else this.at(limit, check);
  }

  backFromNotReady(agent: AgentSim): void {
    this.emit({ type: 'agent.state', agentId: agent.profile.agentId, state: 'available' });
    this.setStatus(agent, 'busy'); // momentarily: free() decides what next
    this.free(agent);
  }

  private popIdle(): AgentSim | undefined {
    const entry = this.idleLine.shift((e) => e.agent.status === 'idle' && e.agent.token === e.token);
    if (!entry) return undefined;
    this.setStatus(entry.agent, 'busy');
    return entry.agent;
  }

  /** Serves the next queued caller, if any. */
  takeWaiting(agent: AgentSim): boolean {
    const call = this.callers.take();
    if (!call) return false;
    this.setStatus(agent, 'busy');
    this.ring(agent, call);
    return true;
  }

  private ring(agent: AgentSim, call: InboundCall): void {
    call.state = 'ringing';
    this.ringingCount += 1;
    const agentId = agent.profile.agentId;
    const ringLimitMs = this.s.rules['answer-3-rings'].ringSeconds * S;
    // The ACD needs a moment to route; then the phone rings 1-8 s, or past the limit.
    this.at(this.now + this.rng.uniform(0.2, 1.2) * S, () => {
      this.emit({ type: 'call.ringing', callId: call.callId, agentId });
      const late = this.breaches.roll('answer-3-rings');
      const ringMs = late
        ? this.rng.uniform(1.1, 2) * ringLimitMs
        : clamp(this.rng.lognormal(3 * S, 0.45), S, Math.min(8 * S, 0.85 * ringLimitMs));
      if (late) this.breaches.note({ rule: 'answer-3-rings', ts: this.now, agentId, callId: call.callId, detail: 'late-answer-no-apology' });
      this.at(this.now + ringMs, () => {
        this.ringingCount -= 1;
        call.state = 'connected';
        this.unanswered.delete(call);
        this.emit({ type: 'call.answered', callId: call.callId, agentId });
        this.converse(agent, {
          callId: call.callId, direction: 'inbound', topic: call.topic, kind: 'service', lateNoApology: late,
          canPromise: call.numberClass === 'customer' && call.from !== undefined,
        }, (done) => {
          if (done.callbackDue !== undefined) this.promise(agent, call.callId, call.from ?? '', call.topic, done.callbackDue);
        });
      });
    });
  }

  // ---- a connected call ------------------------------------------------------------

  /** Rolls this call's breaches, plans it and plays the plan out; `after` runs at wrap-up, then the agent is free. */
  private converse(
    agent: AgentSim,
    c: { callId: string; direction: 'inbound' | 'outbound'; topic: Topic; kind: ConversationSpec['kind']; lateNoApology: boolean; canPromise: boolean },
    after: (plan: ConversationPlan) => void,
    extra?: (plan: ConversationPlan) => Timed[],
  ): void {
    const agentId = agent.profile.agentId;
    const choices = rollCallBreaches({ ...c, agentId, now: this.now }, this.s.rules, this.breaches, this.rng);
    const { urgent } = choices;
    const topic = urgent && c.topic.urgent === undefined ? { ...c.topic, urgent: GENERIC_URGENT } : c.topic;
    const plan = planConversation({
      ...choices, callId: c.callId, agentId, direction: c.direction, connectedAt: this.now, topic, slots: slotsFor(this.rng),
      kind: c.kind, lateNoApology: c.lateNoApology,
    }, this.s.rules, this.rng);
    const events = extra ? [...plan.events, ...extra(plan)].sort((a, b) => a.at - b.at) : plan.events;
    this.play(events, 0, () => {
      after(plan);
      this.free(agent);
    });
  }

  /** Plays timed events one after another (one agenda entry per call, not per event). */
  private play(events: Timed[], i: number, done: () => void): void {
    this.at(events[i].at, () => {
      this.emit(events[i].body);
      if (i + 1 < events.length) this.play(events, i + 1, done);
      else done();
    });
  }

  // ---- callbacks and outbound --------------------------------------------------------

  private promise(agent: AgentSim, callId: string, number: string, topic: Topic, due: number): void {
    const agentId = agent.profile.agentId;
    // A promise due after the floor closes cannot be seen broken in this stream: it is kept.
    if (this.breaches.roll('callback-promise') && due <= this.s.end) {
      if (this.rng.chance(0.5)) {
        this.breaches.note({ rule: 'callback-promise', ts: this.now, agentId, callId, detail: 'never-made' });
        return;
      }
      agent.callbacks.push({ callId, number, topic, due, plannedAt: due + this.rng.uniform(2, 20) * MIN, late: true });
      return;
    }
    // Made a few minutes later, once the back office answered; the agent takes no new
    // calls past that moment until it is done, so it is always well before the due time.
    agent.callbacks.push({ callId, number, topic, due, plannedAt: this.now + this.rng.uniform(1, 4) * MIN, late: false });
  }

  /** Outbound leg common to callbacks and private calls: placed, then answered by the far end. */
  private dial(agent: AgentSim, to: string, numberClass: 'customer' | 'private', connected: (callId: string) => void): void {
    this.setStatus(agent, 'busy');
    const callId = this.newCallId();
    const agentId = agent.profile.agentId;
    // `agentId` is an extra (additive) field: the contract's offered event has no agent, but an outbound call has one.
    this.emit({ type: 'call.offered', callId, queue: OUTBOUND_QUEUE, direction: 'outbound', to, numberClass, agentId });
    this.at(this.now + this.rng.uniform(4, 18) * S, () => {
      this.emit({ type: 'call.answered', callId, agentId });
      connected(callId);
    });
  }

  placeCallback(agent: AgentSim, cb: PendingCallback): void {
    const agentId = agent.profile.agentId;
    // The callback counts as made once the customer has heard the answer: just after the call ends.
    const completedAt = (plan: ConversationPlan): number => plan.endedAt + S / 2;
    this.dial(agent, cb.number, 'customer', (callId) => {
      this.converse(agent, { callId, direction: 'outbound', topic: cb.topic, kind: 'callback', lateNoApology: false, canPromise: false },
        (plan) => {
          if (completedAt(plan) > cb.due) {
            this.breaches.note({ rule: 'callback-promise', ts: completedAt(plan), agentId, callId: cb.callId, detail: 'made-late' });
          }
        },
        (plan) => [{ at: completedAt(plan), body: { type: 'callback.completed', callId: cb.callId, agentId } }]);
    });
  }

  placePrivateCall(agent: AgentSim): void {
    this.dial(agent, phoneNumber(this.rng), 'private', (callId) => {
      this.breaches.note({ rule: 'private-call', ts: this.now, agentId: agent.profile.agentId, callId, detail: 'private-call-over-limit' });
      this.converse(agent, { callId, direction: 'outbound', topic: topicsFor('general')[0], kind: 'private', lateNoApology: false, canPromise: false }, () => {});
    });
  }
}
