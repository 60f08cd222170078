/**
 * The floor runtime: the pure engine behind a durable input log.
 *
 * Every input (an event batch, a command, a rules change) is appended to the log first;
 * only once the log has it is the sender told it was accepted, and only then is it
 * applied. Inputs are processed one at a time, in log order. Events pass through the
 * reorder buffer; the engine is advanced to the watermark (now - reorder window).
 *
 * Determinism across a crash: what each input does depends only on the input and its
 * `receivedAt` (strictly increasing along the log), never on when timer ticks happened
 * to run, so rebuilding = latest snapshot + the log after it, fed through the same code.
 *
 * Cluster mode (server/cluster) uses the same floor twice: the owner's, which logs and
 * applies inputs other processes accepted (`applyAccepted`), and replicas, which write
 * nothing and apply the log as the owner writes it (`follow`).
 */
import type { Alert } from '../../shared/alerts.js';
import type { CommandResult, FloorCommand } from '../../shared/commands.js';
import type { FloorEvent } from '../../shared/events.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import type { ScheduleChange, ScheduleView } from '../../shared/schedule.js';
import type { FloorDelta, FloorSnapshot } from '../../shared/wallboard.js';
import { copyAlert } from '../engine/alerts.js';
import type { Effect } from '../engine/context.js';
import { createEngineState, nextDeadlineAt, step } from '../engine/engine.js';
import { serializeState, type EngineState } from '../engine/state.js';
import { scheduleView } from '../engine/schedule/plan.js';
import { agentView, floorFigures } from '../engine/views.js';
import type { AlertQuery, LogEntry, NewLogEntry } from '../storage/types.js';
import { stampInputs, type AcceptedInput, type AcceptedOutcome } from './accepted.js';
import { DEFAULTS, type FloorOptions } from './options.js';
import { DeltaOutlet } from './delta-outlet.js';
import { InputQueue } from './input-queue.js';
import { inputGroups, readWholeGroups } from './log-groups.js';
import { agentDayOf, callOwnerOf, liveAlertsOf, snapshotOf } from './views.js';
import type { AgentDay, AgentView, FloorFigures } from '../../shared/figures.js';
import { persistEffects } from './persist-effects.js';
import { Sequencer } from './sequencer.js';
import { readSnapshotBody, writeSnapshotBody } from './snapshot-body.js';
import { SnapshotKeeper } from './snapshot-keeper.js';
import { falseAlarmInput } from './false-alarm-input.js';
import { lateAmong, mergeOutcomes } from './ingest-outcome.js';
import type { FloorService, HandoverTransfer, HoldApproval, IngestOutcome, LeaveApproval } from './types.js';
import { problem } from '../../shared/problems.js';

export type { AcceptedInput, AcceptedOutcome } from './accepted.js';
export { HEARTBEAT_MS, type Clock, type FloorOptions, type SnapshotTaker } from './options.js';

type CommandAnswer = CommandResult<Alert | HoldApproval | LeaveApproval | HandoverTransfer>;

export class Floor implements FloorService {
  readonly demo: boolean;
  private readonly window: number;
  private readonly deltas: DeltaOutlet;
  private readonly inputs = new InputQueue();
  private lastReceivedAt = 0;
  private lastSeq = 0;
  private closed = false;
  /** Inputs handed to `serial` and not finished yet. */
  private queued = 0;
  private openedFrom: 'snapshot' | 'log' | 'nothing' = 'nothing';
  private readonly snapshots: SnapshotKeeper;
  private openedTag: Record<string, unknown> | undefined;

  private constructor(
    private readonly opts: FloorOptions & typeof DEFAULTS,
    private state: EngineState,
    private sequencer: Sequencer,
  ) {
    this.demo = opts.demo ?? false;
    this.window = opts.reorderWindowMs;
    this.deltas = new DeltaOutlet(opts, () => this.state);
    const floor = this;
    this.snapshots = new SnapshotKeeper(opts, {
      snapshotText: () => this.snapshotText(),
      get lastSeq() {
        return floor.lastSeq;
      },
      // `queued` counts the input being applied too.
      get waiting() {
        return floor.queued - 1;
      },
      get agents() {
        return floor.state.agents.size;
      },
    });
  }

  /** Opens the floor: the latest snapshot, then every log entry after it. */
  static async open(options: FloorOptions): Promise<Floor> {
    const opts = { ...DEFAULTS, ...options };
    const stored = await opts.storage.snapshots.latest();
    let floor: Floor;
    if (stored) {
      const body = readSnapshotBody(stored.state);
      floor = new Floor(opts, body.state, body.sequencer);
      floor.lastReceivedAt = body.lastReceivedAt;
      floor.lastSeq = stored.seq;
      floor.openedFrom = 'snapshot';
      floor.openedTag = body.tag;
    } else {
      // A floor rebuilt from its log alone starts where the log starts, not at today's clock.
      const [first] = await opts.storage.log.read(0, 1);
      const start = first ? first.receivedAt - (opts.reorderWindowMs) : opts.clock.now();
      floor = new Floor(opts, createEngineState(opts.rules, start), new Sequencer());
      if (first) floor.openedFrom = 'log';
    }
    await floor.replayLog();
    await floor.rewriteLiveAlerts();
    floor.snapshots.restartClock();
    floor.deltas.restart();
    return floor;
  }

  private async replayLog(): Promise<void> {
    const until = this.opts.replayUntilSeq ?? Infinity;
    while (this.lastSeq < until) {
      // Entries of one batch share a receivedAt and are applied together, as they were live.
      const groups = await readWholeGroups(this.opts.storage.log, this.lastSeq, 5000);
      if (groups.length === 0) break;
      for (const group of groups) {
        if (this.lastSeq >= until) break;
        const effects = this.apply(group);
        // Written again: what a crash kept from storage lands now; the rest is the same (points: ignored by id).
        await this.persistEffects(effects.effects);
      }
    }
  }

  /**
   * Every live alert written again as the floor has it, once it is rebuilt: an alert whose
   * write was lost before the latest snapshot (the process died between applying an input
   * and writing its alerts, or a write failed) is in the snapshot's state but nowhere in
   * the alerts table, and the replay after the snapshot would never write it.
   */
  private async rewriteLiveAlerts(): Promise<void> {
    if (this.opts.follower || this.state.alerts.size === 0) return;
    await this.opts.storage.alerts.upsert([...this.state.alerts.values()]);
  }

  /** Applies log entries of one receivedAt (a batch of events, or one command/rules change). */
  private apply(entries: LogEntry[]): { effects: Effect[]; result?: CommandResult } {
    const effects: Effect[] = [];
    let result: CommandResult | undefined;
    const receivedAt = entries[0].receivedAt;
    const watermark = receivedAt - this.window;
    for (const entry of entries) {
      const p = entry.payload;
      if (p.kind === 'event') {
        this.sequencer.add(p.event, receivedAt, this.window, entry.seq);
      } else {
        this.advance(watermark, effects);
        const out = step(this.state, p, watermark); // commands, rules and plan changes are engine inputs as logged
        appendAll(effects, out.effects);
        result = out.result;
      }
      this.lastSeq = entry.seq;
      this.lastReceivedAt = Math.max(this.lastReceivedAt, receivedAt);
    }
    this.advance(watermark, effects);
    this.snapshots.counted(entries.length);
    return result === undefined ? { effects } : { effects, result };
  }

  /** Releases buffered events up to `until` and fires every deadline up to it. */
  private advance(until: number, effects: Effect[]): void {
    for (let p = this.sequencer.takeDue(until); p; p = this.sequencer.takeDue(until)) {
      appendAll(effects, step(this.state, { kind: 'event', event: p.event }, p.at).effects);
    }
    if (until > this.state.time) appendAll(effects, step(this.state, { kind: 'tick' }, until).effects);
  }

  /**
   * Runs `fn` once the input running now has finished: one input at a time, in log order.
   * An urgent input (a command, a small batch of events) goes before the bulk waiting
   * (input-queue.ts).
   */
  private serial<T>(fn: () => Promise<T>, urgent = false): Promise<T> {
    this.queued += 1;
    return this.inputs.run(async () => {
      try {
        await this.opts.yieldBetweenInputs?.();
        if (this.closed) throw new Error('the floor is closed');
        return await fn();
      } finally {
        this.queued -= 1;
        // After an urgent input its alerts wait only for the urgent inputs behind it, never
        // for a bulk batch (a tenth of a second or more under load) to keep them company.
        if (!this.closed) this.deltas.afterInput(urgent ? this.inputs.urgentWaiting : this.queued);
      }
    }, urgent);
  }

  /** Strictly increasing, so replay can tell batches apart and never goes back in time. */
  private nextReceivedAt(): number {
    this.lastReceivedAt = Math.max(this.lastReceivedAt + 1, this.opts.clock.now());
    return this.lastReceivedAt;
  }

  private async commit(entries: NewLogEntry[]): Promise<{ appended: LogEntry[]; duplicateIds: string[]; result?: CommandResult }> {
    this.assertWriter();
    const { appended, duplicateIds } = await this.opts.storage.log.append(entries);
    if (appended.length === 0) return { appended, duplicateIds };
    const { effects, result } = this.apply(appended);
    await this.afterInput(effects);
    return result === undefined ? { appended, duplicateIds } : { appended, duplicateIds, result };
  }

  private async afterInput(effects: Effect[]): Promise<void> {
    await this.persistEffects(effects);
    this.deltas.add(effects);
    await this.maybeSnapshot();
  }

  /** Alerts (their latest version) and automatic points entries, before anyone is told of them. */
  private async persistEffects(effects: Effect[]): Promise<void> {
    if (this.opts.follower) return; // the owner writes them
    await persistEffects(this.opts.storage, effects);
  }

  /**
   * A batch bigger than `ingestSliceEvents` is logged and applied a slice at a time, each
   * an input of its own: an urgent input waits for one slice (tens of ms), not for the
   * whole batch (up to half a second under load). The answer is the whole batch's, once
   * every slice is durable; if one fails, the sender sends the batch again, and what was
   * already logged counts as duplicates.
   */
  async ingest(events: FloorEvent[], texts?: readonly string[]): Promise<IngestOutcome> {
    const size = this.opts.ingestSliceEvents;
    if (events.length <= size) return this.ingestSlice(events, texts, 0);
    const slices: Promise<IngestOutcome>[] = [];
    for (let from = 0; from < events.length; from += size) {
      slices.push(this.ingestSlice(events.slice(from, from + size), texts?.slice(from, from + size), from));
    }
    return mergeOutcomes(await Promise.all(slices));
  }

  /** One input: `events` (at `offset` in the sender's batch) logged under one receivedAt, then applied. */
  private ingestSlice(events: FloorEvent[], texts: readonly string[] | undefined, offset: number): Promise<IngestOutcome> {
    return this.serial(async () => {
      const receivedAt = this.nextReceivedAt();
      const refused: IngestOutcome['refused'] = [];
      const entries: NewLogEntry[] = [];
      events.forEach((event, index) => {
        if (event.ts > receivedAt + this.opts.maxFutureMs) {
          refused.push({
            index: offset + index,
            field: 'ts',
            reason: `more than ${this.opts.maxFutureMs / 1000} s ahead of the server's clock (check the feed's clock)`,
          });
        } else {
          const text = texts?.[index];
          entries.push(text === undefined
            ? { id: event.id, receivedAt, payload: { kind: 'event', event } }
            : { id: event.id, receivedAt, payload: { kind: 'event', event }, payloadText: `{"kind":"event","event":${text}}` });
        }
      });
      const { appended, duplicateIds } = await this.commit(entries);
      const late = lateAmong(appended, receivedAt - this.window);
      return { accepted: appended.length, duplicates: duplicateIds.length, refused, ...(late !== undefined && { late }) };
    }, events.length <= this.opts.urgentBatchEvents);
  }

  /** A unique log id for an input that has none of its own (commands, rules and plan changes). */
  private inputId(prefix: string): string {
    return `${prefix}-${this.opts.newId ? this.opts.newId() : crypto.randomUUID()}`;
  }

  command(asked: FloorCommand): Promise<CommandAnswer> {
    return this.serial(async () => {
      const command = await falseAlarmInput(asked, this.opts.storage.alerts, (id) => this.liveAlert(id));
      const { result } = await this.commit([{ id: this.inputId('cmd'), receivedAt: this.nextReceivedAt(), payload: { kind: 'command', command } }]);
      return (result ?? { ok: false, ...problem('notApplied') }) as CommandAnswer;
    }, true);
  }

  changeSchedule(change: ScheduleChange): Promise<CommandResult<{ shifts: number; leads: number }>> {
    return this.serial(async () => {
      const { result } = await this.commit([{ id: this.inputId('schedule'), receivedAt: this.nextReceivedAt(), payload: { kind: 'schedule', change } }]);
      return (result ?? { ok: false, ...problem('notApplied', undefined, 'the schedule change was not applied') }) as CommandResult<{ shifts: number; leads: number }>;
    });
  }

  schedule(from: number, to: number): ScheduleView {
    return scheduleView(this.state.plan, from, to, this.state.rules.timezone);
  }

  setRules(rules: RulesConfig): Promise<void> {
    return this.serial(async () => {
      await this.commit([{ id: this.inputId('rules'), receivedAt: this.nextReceivedAt(), payload: { kind: 'rules', rules } }]);
    });
  }

  rules(): RulesConfig {
    return this.state.rules;
  }

  agent(agentId: string): AgentView | undefined {
    const agent = this.state.agents.get(agentId);
    return agent === undefined ? undefined : agentView(this.state, agent);
  }

  agentDay(agentId: string): Promise<AgentDay | undefined> {
    return agentDayOf(this.state, this.opts.storage.log, agentId);
  }

  liveAlert(alertId: string): Alert | undefined {
    const alert = this.state.alerts.get(alertId);
    return alert === undefined ? undefined : copyAlert(alert);
  }

  callOwner(callId: string): { agentId?: string; teamId?: string } | undefined {
    return callOwnerOf(this.state, callId);
  }

  async storedAlert(alertId: string): Promise<Alert | undefined> {
    return (await this.opts.storage.alerts.get(alertId)) ?? undefined;
  }

  openCalls(): string[] {
    return [...this.state.calls.keys()];
  }

  /**
   * Moves the floor to the clock's watermark (deadlines fire, buffered events apply) and
   * sends a coalesced delta when one is due. The server calls it a few times a second;
   * tests call it after moving a fake clock.
   */
  tick(): Promise<void> {
    return this.serial(async () => {
      const effects: Effect[] = [];
      this.advance(this.opts.clock.now() - this.window, effects);
      await this.persistEffects(effects);
      this.deltas.add(effects);
      this.deltas.onTick();
      await this.maybeSnapshot();
    });
  }

  /** Sends what was collected now (tests and shutdown use it); a heartbeat is sent even when empty. */
  flush(heartbeat = false): void {
    this.deltas.flush(heartbeat);
  }

  onDelta(listener: (delta: FloorDelta) => void): () => void {
    return this.deltas.onDelta(listener);
  }

  snapshot(): FloorSnapshot {
    return snapshotOf(this.state, { seq: this.deltas.seq, serverTime: this.opts.clock.now(), demo: this.demo });
  }

  liveAlerts(): Alert[] {
    return liveAlertsOf(this.state);
  }

  figures(): { at: number; floor: FloorFigures } {
    return { at: this.state.time, floor: floorFigures(this.state) };
  }

  listAlerts(query: AlertQuery): Promise<Alert[]> {
    return this.opts.storage.alerts.list(query);
  }

  /** The engine state as JSON (tests compare a rebuilt floor with the original). */
  stateText(): string {
    return serializeState(this.state);
  }

  /** Buffered events not yet applied. */
  get pendingEvents(): number {
    return this.sequencer.size;
  }

  /** When the engine next needs to run (earliest deadline), for schedulers and tests. */
  nextDeadline(): number | undefined {
    return nextDeadlineAt(this.state);
  }

  private async maybeSnapshot(force = false, evenUnchanged = false): Promise<void> {
    if (this.opts.follower) return;
    await this.snapshots.maybe(force, evenUnchanged);
  }

  /** The state as a snapshot holds it: engine, reorder buffer, and the seq it stands at. */
  snapshotText(): { seq: number; text: string } {
    const tag = this.opts.snapshotTag?.();
    return { seq: this.lastSeq, text: writeSnapshotBody({ state: this.state, sequencer: this.sequencer, lastReceivedAt: this.lastReceivedAt, ...(tag && { tag }) }) };
  }

  /** Settles when the snapshot being written by the taker (if any) is written. */
  snapshotWritten(): Promise<void> {
    return this.snapshots.written();
  }

  /**
   * Takes a snapshot now (graceful shutdown; makes the next start fast). `evenUnchanged`:
   * also when nothing was applied since the last one (a cluster owner's first snapshot, so
   * every replica starts from the very state it started from).
   */
  snapshotNow(evenUnchanged = false): Promise<void> {
    return this.serial(() => this.maybeSnapshot(true, evenUnchanged));
  }

  private assertWriter(): void {
    if (this.opts.follower) throw new Error('a replica floor takes no inputs: they go to the owner');
  }

  /**
   * Cluster owner: inputs other processes accepted (and acknowledged), in the order they
   * were accepted (see accepted.ts for their stamps). Logged in one append, then applied
   * input by input, as `ingest` and `command` do.
   */
  applyAccepted(inputs: AcceptedInput[]): Promise<AcceptedOutcome[]> {
    return this.serial(async () => {
      this.assertWriter();
      const { entries, inputAt } = stampInputs(inputs, this.lastReceivedAt, this.state.time + this.window + 1);
      const outcomes: AcceptedOutcome[] = inputs.map((input) => ({ appended: 0, duplicates: input.entries.length }));
      if (entries.length === 0) return outcomes;
      const { appended } = await this.opts.storage.log.append(entries);
      const effects: Effect[] = [];
      for (const group of inputGroups(appended)) {
        const applied = this.apply(group);
        appendAll(effects, applied.effects);
        const outcome = outcomes[inputAt.get(group[0].receivedAt)!];
        outcome.appended += group.length;
        outcome.duplicates -= group.length;
        if (applied.result !== undefined) outcome.result = applied.result;
      }
      await this.afterInput(effects);
      return outcomes;
    });
  }

  /**
   * Replica: applies what the owner logged since the last call, as the owner applied it,
   * and sends the deltas. Throws when the log no longer holds the next entry (pruned past
   * this replica): it must be opened again from a snapshot.
   */
  follow(): Promise<number> {
    return this.serial(async () => {
      let applied = 0;
      for (;;) {
        const groups = await readWholeGroups(this.opts.storage.log, this.lastSeq, 5000);
        if (groups.length === 0) break;
        if (groups[0][0].seq !== this.lastSeq + 1) throw new Error(`the log skips from ${this.lastSeq} to ${groups[0][0].seq}: reopen the replica`);
        const effects: Effect[] = [];
        for (const group of groups) {
          appendAll(effects, this.apply(group).effects);
          applied += group.length;
        }
        this.deltas.add(effects);
      }
      return applied;
    });
  }

  /** The seq of the last log entry applied, and the engine's time (where inputs and ticks moved it). */
  get progress(): { seq: number; time: number } {
    return { seq: this.lastSeq, time: this.state.time };
  }

  /** The seq of the last delta sent (a snapshot carries it). */
  get deltaSeq(): number {
    return this.deltas.seq;
  }

  /** What the floor was rebuilt from, and the tag its snapshot carried. */
  get restored(): { from: 'snapshot' | 'log' | 'nothing'; tag?: Record<string, unknown> } {
    return this.openedTag === undefined ? { from: this.openedFrom } : { from: this.openedFrom, tag: this.openedTag };
  }

  /** Finishes the inputs under way; further calls are refused. Does not close the storage. */
  async close(): Promise<void> {
    await this.inputs.drained();
    this.closed = true;
    await this.snapshots.written();
  }
}

/**
 * `into.push(...items)` without the spread: a spread passes each item as an argument, and
 * one tick that fired 60,000 ring deadlines at once (a big floor restarting after being
 * down) overflowed the stack, so that tick's alerts were never stored.
 */
function appendAll<T>(into: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]!);
}
