/**
 * Answers to forwarded inputs. A process that appends a command (or a rules or plan
 * change) to the stream names its own reply list; the owner, once the input is in the log
 * and applied, pushes the answer there. A list, not a PUB/SUB message: an answer pushed
 * while the waiting process was reconnecting is still there when it reads again (for a
 * minute). One blocking reader per process serves every waiting request.
 */
import type { Logger } from 'pino';
import type { FloorKeys } from './keys.js';
import { closeRedis, type RedisClient } from './redis.js';

interface Reply {
  id: string;
  answer: unknown;
}

interface Waiter {
  resolve(answer: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** How long an answer nobody read stays in a reply list. */
const REPLY_TTL_MS = 60_000;

/** Pushes an answer to the process that waits for it. */
export async function sendReply(redis: RedisClient, keys: Pick<FloorKeys, 'replies'>, replyTo: string, id: string, answer: unknown): Promise<void> {
  const list = keys.replies(replyTo);
  const reply: Reply = { id, answer };
  await redis.multi().addCommand(['LPUSH', list, JSON.stringify(reply)]).addCommand(['PEXPIRE', list, String(REPLY_TTL_MS)]).exec();
}

export class ReplyBox {
  private readonly waiters = new Map<string, Waiter>();
  private running = false;
  private loop: Promise<void> | undefined;

  /** `reader` must be a connection of its own: BLPOP blocks it. */
  constructor(
    private readonly reader: RedisClient,
    private readonly list: string,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Resolves with the answer to request `id`, or rejects after `timeoutMs`. Call before appending the request. */
  wait(id: string, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`no answer from the floor's owner within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.waiters.set(id, { resolve, reject, timer });
    });
  }

  /** Stops waiting: every request still waiting is rejected. Closes the reader. */
  async stop(): Promise<void> {
    this.running = false;
    closeRedis(this.reader); // a blocked BLPOP fails at once rather than at its timeout
    for (const [id, waiter] of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('the server is shutting down'));
      this.waiters.delete(id);
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let popped: [string, string] | null;
      try {
        popped = (await this.reader.sendCommand(['BLPOP', this.list, '1'])) as [string, string] | null;
      } catch (err) {
        if (!this.running) return;
        this.logger.debug({ err }, 'reply list: read failed, retrying');
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      if (popped === null) continue;
      let reply: Reply;
      try {
        reply = JSON.parse(popped[1]) as Reply;
      } catch {
        this.logger.warn('reply list: an answer that is not JSON was dropped');
        continue;
      }
      const waiter = this.waiters.get(reply.id);
      if (waiter === undefined) continue; // timed out already, or answered twice (a replay after a failover)
      this.waiters.delete(reply.id);
      clearTimeout(waiter.timer);
      waiter.resolve(reply.answer);
    }
  }
}
