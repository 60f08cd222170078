/**
 * Redis connections of a cluster process (node-redis), and the few helpers every part
 * uses: one way to run a Lua script (checking and redacting the URL: settings.ts).
 *
 * Commands fail fast while Redis is unreachable (no offline queue): a feed is told at
 * once to resend instead of waiting on a request that may never be answered, and a lease
 * renewal that cannot reach Redis counts as not renewed.
 */
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { redactRedisUrl } from './settings.js';

export type RedisClient = ReturnType<typeof createClient>;

export interface ConnectOptions {
  /** For the log: which connection this is. */
  name: string;
  logger: Logger;
  /** Reject commands at once while disconnected (default true); the socket.io adapter wants them queued. */
  failFast?: boolean;
  /** How long the first connection may take. */
  connectTimeoutMs?: number;
}

/** Connects, or rejects with a message naming the (redacted) URL when Redis cannot be reached. */
export async function connectRedis(url: string, options: ConnectOptions): Promise<RedisClient> {
  const timeout = options.connectTimeoutMs ?? 5000;
  const client = createClient({
    url,
    disableOfflineQueue: options.failFast ?? true,
    socket: {
      connectTimeout: timeout,
      // Back off to a retry every 2 s; never give up (Redis restarts come back).
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  });
  // node-redis emits every failed (re)connection; unhandled, the process would crash.
  // One line per outage, not one per retry.
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    options.logger.warn({ err: err.message, connection: options.name }, 'redis: connection lost, reconnecting');
  });
  client.on('ready', () => {
    if (down) options.logger.info({ connection: options.name }, 'redis: connected again');
    down = false;
  });
  const failed = new Promise<never>((_resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis at ${redactRedisUrl(url)} is not reachable (no connection within ${timeout / 1000} s)`)), timeout);
    timer.unref();
    client.once('ready', () => clearTimeout(timer));
  });
  try {
    await Promise.race([client.connect(), failed]);
  } catch (err) {
    client.destroy();
    throw err;
  }
  return client;
}

/** A dedicated connection like `client` (for blocking reads: XREAD BLOCK, BLPOP). */
export async function duplicate(client: RedisClient, name: string, logger: Logger): Promise<RedisClient> {
  const copy = client.duplicate();
  copy.on('error', (err: Error) => logger.debug({ err: err.message, connection: name }, 'redis: connection error'));
  await copy.connect();
  return copy;
}

/**
 * Runs a Lua script. EVAL each time rather than EVALSHA: the scripts are short, and a
 * Redis that restarted has forgotten every loaded script.
 */
export function runScript<T>(client: RedisClient, script: string, keys: string[], args: Array<string | number>): Promise<T> {
  return client.sendCommand(['EVAL', script, String(keys.length), ...keys, ...args.map(String)]) as Promise<T>;
}

/** Closes without waiting for replies that will never come (a blocked read, a dead server). */
export function closeRedis(client: RedisClient): void {
  if (client.isOpen) client.destroy();
}
