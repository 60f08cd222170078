/**
 * socket.io across the floor's processes: the official Redis Streams adapter on every
 * namespace, and a `/cluster` namespace no browser may join that carries the processes'
 * own messages to each other (serverSideEmit, the adapter's server-to-server channel):
 *
 * - `progress` from the owner, after each input it logged and each tick: how far its
 *   log and its engine are, so every replica applies the same log and moves its engine
 *   to the same time (its alerts fire at the same second as the owner's);
 * - `released` when the owner hands the lease over, so a replica takes it at once
 *   instead of waiting for it to expire;
 * - `revoked` when a session, a display or a feed token is revoked on one process, so
 *   every process disconnects its sockets (revocations.ts).
 *
 * These are PUB/SUB messages: lost while Redis is away. Nothing depends on one arriving:
 * replicas also read the log on a timer, and the next progress message carries the time.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Namespace, Server } from 'socket.io';
import type { Revocation } from '../access/principal.js';
import type { FloorKeys } from './keys.js';
import type { RedisClient } from './redis.js';

export interface Progress {
  holder: string;
  token: number;
  /** The owner's last applied log seq... */
  seq: number;
  /** ...and its engine time after it. */
  time: number;
}

export interface Released {
  holder: string;
  token: number;
}

interface ClusterEvents {
  progress: (p: Progress) => void;
  released: (r: Released) => void;
  revoked: (r: Revocation) => void;
}

type ClusterNamespace = Namespace<Record<string, never>, Record<string, never>, ClusterEvents>;

/** The messages between processes, usable before the socket.io server exists (they are dropped until then). */
export class ClusterMessages {
  private nsp: ClusterNamespace | undefined;
  private readonly progressListeners = new Set<(p: Progress) => void>();
  private readonly releasedListeners = new Set<(r: Released) => void>();
  private readonly revokedListeners = new Set<(r: Revocation) => void>();

  attach(nsp: ClusterNamespace): void {
    this.nsp = nsp;
    nsp.on('progress', (p) => {
      for (const listener of this.progressListeners) listener(p);
    });
    nsp.on('released', (r) => {
      for (const listener of this.releasedListeners) listener(r);
    });
    nsp.on('revoked', (r) => {
      for (const listener of this.revokedListeners) listener(r);
    });
  }

  progress(p: Progress): void {
    this.nsp?.serverSideEmit('progress', p);
  }

  released(r: Released): void {
    this.nsp?.serverSideEmit('released', r);
  }

  revoked(r: Revocation): void {
    this.nsp?.serverSideEmit('revoked', r);
  }

  onRevoked(listener: (r: Revocation) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  onProgress(listener: (p: Progress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  onReleased(listener: (r: Released) => void): () => void {
    this.releasedListeners.add(listener);
    return () => this.releasedListeners.delete(listener);
  }
}

/**
 * The adapter (0.3.1) sends its PUB/SUB messages (server-side emits) without handling the
 * promise: one in flight when Redis goes away rejects unhandled, and an unhandled
 * rejection ends a Node process (socketio/socket.io-redis-emitter#139 is the same fault
 * in the emitter). Given to the adapter instead of the client itself, this lets such a
 * publish fail quietly: the message is lost, as PUB/SUB messages are while Redis is away.
 */
export function quietPublishes(client: RedisClient): RedisClient {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'publish' || prop === 'sPublish') {
        return (...args: unknown[]) => (value.apply(target, args) as Promise<unknown>).catch(() => 0);
      }
      // Bound: node-redis keeps its state in private fields, which a proxy as `this` cannot reach.
      return value.bind(target);
    },
  });
}

export interface AdapterOptions {
  /** Between the adapter's heartbeats, and how long before a silent process counts as gone. */
  heartbeatMs?: number;
}

/**
 * Puts the adapter on the server (every namespace, existing and future) and opens the
 * `/cluster` namespace for `messages`. `redis` must queue commands while reconnecting
 * (not fail fast): the adapter's reads resume from their last stream offset after a blip.
 */
export function attachSocketCluster(io: Server, redis: RedisClient, keys: Pick<FloorKeys, 'socketIo'>, messages: ClusterMessages, options: AdapterOptions = {}): void {
  const heartbeat = options.heartbeatMs ?? 2000;
  io.adapter(createAdapter(quietPublishes(redis), {
    streamName: keys.socketIo,
    channelPrefix: keys.socketIo,
    sessionKeyPrefix: `${keys.socketIo}:session:`,
    // Short reads, so a closing server's reader stops soon after.
    blockTimeInMs: 1000,
    heartbeatInterval: heartbeat,
    heartbeatTimeout: heartbeat * 3,
  }));
  const nsp = io.of('/cluster') as unknown as ClusterNamespace;
  // For the processes only: a browser that tries is turned away in the handshake.
  nsp.use((_socket, next) => next(new Error('not a client namespace')));
  messages.attach(nsp);
}
