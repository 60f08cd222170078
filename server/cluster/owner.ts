/**
 * One process's part in running a floor: the engine's owner, or a replica of it.
 *
 * A replica rebuilds the floor from the latest snapshot plus the event log (shared, in
 * PostgreSQL) and then applies the log as the owner writes it, moving its engine to the
 * time the owner announces: the same state as the owner's, so it serves its own sockets,
 * REST reads and permission checks locally. It tries for the lease all the time.
 *
 * Taking the lease: claim its token in the storage's fence (from then on the previous
 * owner can write nothing), rebuild from snapshot + log as the owner, read the input
 * stream from the cursor (entries up to it are in the log already), and consume: each
 * page of entries is stamped, logged in one append, applied and answered; then the cursor
 * moves. Ticks wait until the backlog is consumed, so a backlog is applied at the times
 * its inputs were accepted. Losing the lease (not renewed in time, or a write fenced off,
 * or the storage failing) stops it at once: the floor is dropped and rebuilt as a replica.
 * Handing it over (shutdown) takes a last snapshot, then releases the lease and says so,
 * and a replica takes it at once.
 *
 * A replica opens again whenever the fence shows a new owner: the new owner rebuilt from
 * the log without the old owner's ticks, and the replica must stand where it stands.
 */
import type { Logger } from 'pino';
import { Floor, type FloorOptions } from '../floor/floor.js';
import { countFailover, setLeaseOwned } from '../ops/hooks.js';
import type { Metrics } from '../ops/metrics.js';
import type { Storage } from '../storage/types.js';
import { consumeStream, type Consumer } from './consume.js';
import { FenceLostError, type PostgresFence } from './fence.js';
import { fencedStorage } from './fenced-storage.js';
import type { FloorKeys } from './keys.js';
import type { Lease, LeaseGrant } from './lease.js';
import type { RedisClient } from './redis.js';
import { ReplicaClock } from './replica-clock.js';
import type { ClusterMessages, Progress } from './socket-adapter.js';
import type { InputStream } from './stream-log.js';

export type FloorSettings = Omit<FloorOptions, 'storage' | 'clock' | 'follower' | 'snapshotTag'> & { reorderWindowMs: number };

export interface OwnershipOptions {
  floorId: string;
  holderId: string;
  logger: Logger;
  metrics?: Metrics;
  /** The shared storage (PostgreSQL). */
  storage: Storage;
  lease: Lease;
  fence: PostgresFence;
  stream: InputStream;
  /** A connection of its own for the owner's blocking stream reads. */
  reader: RedisClient;
  /** For answers to forwarded commands. */
  redis: RedisClient;
  keys: FloorKeys;
  messages: ClusterMessages;
  floor: FloorSettings;
  /** Stream entries taken at once (default 500). */
  readCount?: number;
  /** How often a replica reads the log and checks the fence unprompted (default 1 s). */
  pollMs?: number;
}

/** The floor of the moment, for the facade (cluster-floor.ts). */
export interface FloorHolder {
  readonly current: Floor;
  readonly owner: boolean;
  onReplace(listener: (next: Floor) => void): void;
  tick(): Promise<void>;
  snapshotNow(): Promise<void>;
  handOver(): Promise<void>;
  close(): Promise<void>;
}

interface Owning extends Consumer {
  grant: LeaseGrant;
  /** The owner's floor, once rebuilt. */
  floor?: Floor;
  consumer?: Promise<void>;
  renew: NodeJS.Timeout;
}

export class FloorOwnership implements FloorHolder {
  private floor!: Floor;
  private owning: Owning | undefined;
  /** The floor of the moment is a replica (not the owner's floor). */
  private replica = true;
  /** No more taking the lease (shutting down); a replica still follows while sockets drain. */
  private stopping = false;
  private closed = false;
  private reopening = false;
  private chain: Promise<void> = Promise.resolve();
  private acquiring = false;
  private readonly clock = new ReplicaClock(Date.now());
  /** The fence token when the replica was opened: a newer one means a new owner. */
  private openedToken = 0;
  private target: Progress | undefined;
  private following = false;
  private followAgain = false;
  private readAlways = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly listeners = new Set<(next: Floor) => void>();
  private readonly log: Logger;

  private constructor(private readonly o: OwnershipOptions) {
    this.log = o.logger.child({ part: 'cluster', floorId: o.floorId });
  }

  /** Opens the replica and starts trying for the lease. */
  static async start(options: OwnershipOptions): Promise<FloorOwnership> {
    const ownership = new FloorOwnership(options);
    await ownership.openReplica();
    setLeaseOwned(options.metrics, options.floorId, false);
    const ttl = options.lease.ttlMs;
    ownership.timers.push(setInterval(() => ownership.tryAcquire(), Math.max(50, Math.round(ttl / 4))));
    ownership.timers.push(setInterval(() => ownership.poll(), options.pollMs ?? 1000));
    options.messages.onProgress((p) => ownership.onProgress(p));
    options.messages.onReleased(() => ownership.tryAcquire());
    ownership.tryAcquire();
    return ownership;
  }

  get current(): Floor {
    return this.floor;
  }

  /** Owns the floor and serves from the owner's floor (not while still rebuilding it). */
  get owner(): boolean {
    return this.owning?.floor !== undefined;
  }

  onReplace(listener: (next: Floor) => void): void {
    this.listeners.add(listener);
  }

  /** Transitions (promote, demote, reopen) one at a time. */
  private transition(fn: () => Promise<void>): Promise<void> {
    const run = this.chain.then(fn);
    this.chain = run.catch((err: unknown) => this.log.error({ err }, 'cluster: transition failed'));
    return run;
  }

  private replace(next: Floor): void {
    this.floor = next;
    for (const listener of this.listeners) listener(next);
  }

  // ---- replica ----

  private async openReplica(): Promise<void> {
    this.openedToken = await this.o.fence.current();
    this.clock.reset(Date.now());
    const replica = await Floor.open({ ...this.o.floor, storage: this.o.storage, clock: this.clock, follower: true });
    // From storage's time on, not the wall clock's: only the owner's word moves it further.
    if (replica.restored.from !== 'nothing') this.clock.reset(replica.progress.time + this.o.floor.reorderWindowMs);
    this.target = undefined;
    const old = this.floor as Floor | undefined;
    this.replica = true;
    this.replace(replica);
    await old?.close();
  }

  private reopenReplica(why: string): void {
    if (this.reopening) return;
    this.reopening = true;
    void this.transition(async () => {
      this.reopening = false;
      if (this.owning || this.closed) return;
      this.log.info({ why }, 'cluster: replica opened again from snapshot and log');
      await this.openReplica();
    });
  }

  private onProgress(p: Progress): void {
    if (this.owning) return;
    if (p.token !== this.openedToken) {
      if (p.token > this.openedToken) this.reopenReplica(`owner token ${p.token}`);
      return;
    }
    if (this.target === undefined || p.seq > this.target.seq || p.time > this.target.time) this.target = p;
    this.follow(false);
  }

  /**
   * Catches up with the owner (single flight: a call while one runs makes it run once
   * more). The log is read when the owner said it wrote more, or `always` (the timer's
   * call, for announcements that were lost); otherwise only the engine moves on.
   */
  private follow(always: boolean): void {
    this.readAlways ||= always;
    if (this.following) {
      this.followAgain = true;
      return;
    }
    this.following = true;
    void (async () => {
      try {
        do {
          this.followAgain = false;
          const always = this.readAlways;
          this.readAlways = false;
          await this.followOnce(always);
        } while (this.followAgain);
      } finally {
        this.following = false;
      }
    })();
  }

  private async followOnce(always: boolean): Promise<void> {
    const replica = this.floor;
    if (this.owning || !this.replica || this.closed) return;
    try {
      // Opened before any owner wrote a snapshot: start again from the first one.
      if (replica.restored.from === 'nothing' && (await this.o.storage.log.lastSeq()) > 0) {
        this.reopenReplica('the first owner has written');
        return;
      }
      const target = this.target;
      if (always || (target !== undefined && target.seq > replica.progress.seq)) await replica.follow();
      if (target && target.token === this.openedToken && replica.progress.seq >= target.seq) {
        this.clock.advanceTo(target.time + this.o.floor.reorderWindowMs);
        await replica.tick();
      }
    } catch (err) {
      if (replica !== this.floor) return; // replaced meanwhile
      this.log.warn({ err }, 'cluster: the replica could not follow the log');
      this.reopenReplica('following failed');
    }
  }

  private poll(): void {
    if (this.owning || this.closed) return;
    void this.o.fence.current().then((token) => {
      if (!this.owning && token > this.openedToken) this.reopenReplica(`fence token ${token}`);
      else this.follow(true);
    }, (err: unknown) => this.log.debug({ err }, 'cluster: fence unreadable'));
  }

  // ---- owner ----

  private tryAcquire(): void {
    if (this.stopping || this.owning || this.acquiring) return;
    this.acquiring = true;
    void this.transition(async () => {
      if (this.stopping || this.owning) return;
      let grant: LeaseGrant | null;
      try {
        grant = await this.o.lease.acquire(await this.o.fence.current());
      } catch (err) {
        this.log.debug({ err }, 'cluster: lease unavailable');
        return;
      }
      if (grant === null) return;
      try {
        if (!(await this.o.fence.claim(grant.token, this.o.holderId))) {
          this.log.warn({ token: grant.token }, 'cluster: the storage has seen a newer token; trying again above it');
          await this.o.lease.release(grant);
          return;
        }
        await this.promote(grant);
      } catch (err) {
        this.log.error({ err }, 'cluster: taking the floor over failed');
        await this.drop(grant);
      }
    }).finally(() => {
      this.acquiring = false;
    });
  }

  private async promote(grant: LeaseGrant): Promise<void> {
    const started = Date.now();
    const { lease, fence } = this.o;
    const owning: Owning = {
      grant, stop: false, caughtUp: false, cursor: '0-0', leaseValue: grant.value, uncounted: 0,
      renew: setInterval(() => void this.renew(owning), Math.max(50, Math.round(lease.ttlMs / 3))),
    };
    this.owning = owning;
    const storage = fencedStorage(this.o.storage, (write) => (this.owning === owning && lease.valid(grant)
      ? fence.guard(grant.token, write)
      : Promise.reject(new FenceLostError('this process no longer holds the lease'))));
    owning.cursor = (await this.o.stream.cursor()) ?? '0-0';
    const floor = await Floor.open({
      ...this.o.floor, storage, clock: { now: () => Date.now() },
      snapshotTag: () => ({ fence: grant.token, stream: owning.cursor, holder: this.o.holderId }),
    });
    // Replicas opened from nothing must start from the very state this owner starts from.
    if (floor.restored.from !== 'snapshot') await floor.snapshotNow(true);
    if (this.owning !== owning) throw new FenceLostError('the lease was lost while rebuilding');
    owning.floor = floor;
    const replica = this.floor;
    this.replica = false;
    this.replace(floor);
    await replica.close();
    setLeaseOwned(this.o.metrics, this.o.floorId, true);
    if (grant.takeover === 'failover') countFailover(this.o.metrics, this.o.floorId);
    this.log.info({
      token: grant.token, takeover: grant.takeover, restored: floor.restored.from, seq: floor.progress.seq, cursor: owning.cursor, ms: Date.now() - started,
    }, 'cluster: this process owns the floor');
    owning.consumer = consumeStream({
      stream: this.o.stream, reader: this.o.reader, redis: this.o.redis, keys: this.o.keys, logger: this.log, readCount: this.o.readCount ?? 500,
    }, floor, owning, {
      lost: (why, err) => this.lose(owning, why, err),
      applied: () => this.announce(owning, floor),
    });
  }

  private async renew(owning: Owning): Promise<void> {
    let held: boolean;
    try {
      held = await this.o.lease.renew(owning.grant);
    } catch {
      // Redis unreachable: act on while the lease is surely still ours, not a moment longer.
      held = this.o.lease.valid(owning.grant);
    }
    if (!held) this.lose(owning, 'the lease was not renewed in time');
  }

  private lose(owning: Owning, why: string, err?: unknown): void {
    if (this.owning !== owning) return;
    this.log.warn({ why, err, token: owning.grant.token }, 'cluster: lost the floor; stopping at once');
    this.owning = undefined; // from this moment every write is refused
    owning.stop = true;
    clearInterval(owning.renew);
    setLeaseOwned(this.o.metrics, this.o.floorId, false);
    void this.transition(() => this.drop(owning.grant));
  }

  /**
   * After ownership ended, or a takeover failed half-way: stop what runs, give the lease
   * back if it is still ours (so another process need not wait for it to expire), and be
   * a replica again. Safe to run twice for one grant.
   */
  private async drop(grant: LeaseGrant): Promise<void> {
    const owning = this.owning;
    if (owning !== undefined && owning.grant === grant) {
      owning.stop = true;
      clearInterval(owning.renew);
      this.owning = undefined;
      setLeaseOwned(this.o.metrics, this.o.floorId, false);
    }
    await this.o.lease.release(grant).catch(() => false);
    if (!this.replica && !this.owning) await this.openReplica();
  }

  private announce(owning: Owning, floor: Floor): void {
    this.o.messages.progress({ holder: this.o.holderId, token: owning.grant.token, ...floor.progress });
  }

  /** The server's timer: the owner moves on with the wall clock once the backlog is in; a replica with the owner's word. */
  async tick(): Promise<void> {
    const owning = this.owning;
    if (owning === undefined) {
      if (this.replica) await this.floor.tick().catch(() => undefined); // replaced mid-tick: the next one runs
      return;
    }
    const floor = owning.floor;
    if (!owning.caughtUp || floor === undefined) return;
    try {
      await floor.tick();
      this.announce(owning, floor);
    } catch (err) {
      this.lose(owning, err instanceof FenceLostError ? 'fenced off' : 'the storage failed', err);
    }
  }

  async snapshotNow(): Promise<void> {
    await this.owning?.floor?.snapshotNow();
  }

  /**
   * Graceful handover (SIGTERM): no more acquiring; as the owner, finish the page under
   * way, take a last snapshot, release the lease and tell the others, then stay on as a
   * replica while this process drains its sockets.
   */
  handOver(): Promise<void> {
    this.stopping = true;
    return this.transition(async () => {
      const owning = this.owning;
      if (owning === undefined) return;
      owning.stop = true;
      await owning.consumer;
      try {
        await owning.floor?.snapshotNow(); // still renewing: a long snapshot keeps the lease
      } catch (err) {
        this.log.warn({ err }, 'cluster: last snapshot failed; the next owner replays more of the log');
      }
      clearInterval(owning.renew);
      this.owning = undefined;
      setLeaseOwned(this.o.metrics, this.o.floorId, false);
      const released = await this.o.lease.release(owning.grant).catch(() => false);
      if (released) this.o.messages.released({ holder: this.o.holderId, token: owning.grant.token });
      this.log.info({ token: owning.grant.token, released }, 'cluster: floor handed over');
      await this.openReplica();
    });
  }

  async close(): Promise<void> {
    await this.handOver().catch((err: unknown) => this.log.warn({ err }, 'cluster: handover on close failed'));
    this.closed = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await this.chain;
    await this.floor.close();
  }
}
