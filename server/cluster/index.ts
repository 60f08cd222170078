/**
 * Cluster mode (`floorwatch serve --redis URL --postgres URL`): several processes serve
 * one floor. Any of them accepts ingest (into a Redis Stream) and serves sockets; exactly
 * one, the lease holder, runs the engine and writes the log, alerts and snapshots in
 * PostgreSQL; every other one keeps a replica of the floor from that log. See
 * docs/deployment.md for the picture and what is guaranteed.
 *
 * This module puts the parts together and takes them apart in order: the Redis
 * connections, the fence, the lease, the input stream, the reply list, the ownership loop
 * and the FloorService facade. The socket.io server comes later (app.ts builds it);
 * `attach` puts the adapter on it.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { Authenticator } from '../access/principal.js';
import type { Metrics } from '../ops/metrics.js';
import type { Storage } from '../storage/types.js';
import { ClusterFloor } from './cluster-floor.js';
import { PostgresFence } from './fence.js';
import { ClusterInputs } from './inputs.js';
import { floorKeys } from './keys.js';
import { Lease } from './lease.js';
import { FloorOwnership, type FloorSettings } from './owner.js';
import { closeRedis, connectRedis, duplicate, type RedisClient } from './redis.js';
import { ReplyBox } from './replies.js';
import { clusterRevocations } from './revocations.js';
import { ClusterMessages, attachSocketCluster } from './socket-adapter.js';
import { InputStream } from './stream-log.js';
import { DEFAULT_LEASE_MS } from './settings.js';

export { checkFloorId, checkRedisUrl, DEFAULT_FLOOR_ID, DEFAULT_LEASE_MS, redactRedisUrl } from './settings.js';
export type { ClusterFloor } from './cluster-floor.js';


export interface ClusterOptions {
  redisUrl: string;
  /** The --postgres URL (the fence row lives beside the floor's tables). */
  postgresUrl: string;
  floorId: string;
  /** The lease's time to live (default 5 s). */
  leaseMs?: number;
  /** Events that may wait in the stream for the owner before ingest answers 503 (default 20,000, as for one process). */
  maxPendingEvents?: number;
  /** The floor's shared storage (PostgreSQL), opened by the caller, who closes it. */
  storage: Storage;
  floor: FloorSettings;
  logger: Logger;
  metrics?: Metrics;
}

export interface RunningCluster {
  floor: ClusterFloor;
  /** This process's name among the floor's processes (in the lease and the logs). */
  processId: string;
  /** The Redis Streams adapter and the processes' own namespace, on the app's socket.io server. */
  attach(io: Server): void;
  /** The authenticator whose revocations reach the sockets of every process of the floor. */
  relayRevocations(auth: Authenticator): Authenticator;
  /** Hands the lease over (shutdown's first step); the process stays a replica while it drains. */
  handOver(): Promise<void>;
  /** A round trip to Redis (for /ready): rejects or hangs while Redis is unreachable. */
  ping(): Promise<unknown>;
  close(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const logger = options.logger.child({ part: 'cluster' });
  const processId = `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const keys = floorKeys(options.floorId);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const clients: RedisClient[] = [];
  const opened: Array<() => Promise<unknown>> = [];
  const undo = async () => {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    for (const client of clients) closeRedis(client);
  };
  try {
    const redis = await connectRedis(options.redisUrl, { name: 'commands', logger });
    clients.push(redis);
    const reader = await duplicate(redis, 'stream-reader', logger);
    clients.push(reader);
    const replyReader = await duplicate(redis, 'reply-reader', logger);
    clients.push(replyReader);
    // The adapter's own connection queues while reconnecting: its reads resume where they were.
    const adapterRedis = await connectRedis(options.redisUrl, { name: 'socket.io', logger, failFast: false });
    clients.push(adapterRedis);

    const fence = await PostgresFence.open({
      url: options.postgresUrl, floorId: options.floorId, claimTimeoutMs: leaseMs,
      onIdleError: (err) => logger.warn({ err: err.message }, 'postgres (fence): an idle connection broke'),
    });
    opened.push(() => fence.close());
    const lease = new Lease(redis, keys, { holderId: processId, ttlMs: leaseMs });
    const stream = new InputStream(redis, keys, { ...(options.maxPendingEvents !== undefined && { maxPendingEvents: options.maxPendingEvents }) });
    const messages = new ClusterMessages();
    const replies = new ReplyBox(replyReader, keys.replies(processId), logger);
    replies.start();
    opened.push(() => replies.stop());

    const ownership = await FloorOwnership.start({
      floorId: options.floorId, holderId: processId, logger, ...(options.metrics && { metrics: options.metrics }),
      storage: options.storage, lease, fence, stream, reader, redis, keys, messages, floor: options.floor,
    });
    opened.push(() => ownership.close());
    const inputs = new ClusterInputs({
      stream, replies, processId, reorderWindowMs: options.floor.reorderWindowMs,
      ...(options.floor.maxFutureMs !== undefined && { maxFutureMs: options.floor.maxFutureMs }),
    });
    const floor = new ClusterFloor(ownership, inputs, options.floor.onError);
    logger.info({ processId, floorId: options.floorId, leaseMs }, 'cluster: started as a replica; taking the lease when it is free');

    let closing: Promise<void> | undefined;
    return {
      floor,
      processId,
      attach: (io) => attachSocketCluster(io, adapterRedis, keys, messages),
      relayRevocations: (auth) => clusterRevocations(auth, messages),
      ping: () => redis.ping(),
      // Never rejects: a shutdown goes on (draining sockets, closing storage) whatever happens here.
      handOver: () => ownership.handOver().catch((err: unknown) => logger.warn({ err }, 'cluster: handover failed; the lease expires instead')),
      close: () => {
        closing ??= undo();
        return closing;
      },
    };
  } catch (err) {
    await undo();
    throw err;
  }
}
