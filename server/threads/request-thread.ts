/**
 * A worker thread that does a database's background work for the floor (the WAL
 * checkpoints', the lookup tables'): its own work every interval, and requests from the
 * floor, answered by number. `startRequestThread` is the floor's side, `serveRequests` the
 * thread's.
 *
 * - A thread that fails (an error thrown by its work, or it exits) rejects every request
 *   waiting and is reported once; after that, requests reject at once, and the caller does
 *   the work itself.
 * - Never what keeps the process alive (a storage nobody closed must not hang the exit),
 *   but `close` holds the process until the thread has ended.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { startThread } from './start-thread.js';

type ToThread<Req> = { type: 'request'; id?: number; body: Req } | { type: 'close' };
type FromThread<Reply> =
  | { type: 'ready' }
  /** `id` when it answers a request; none for the thread's own work every interval. */
  | { type: 'reply'; id?: number; body: Reply }
  | { type: 'failed'; message: string };

export interface RequestThread<Req, Reply> {
  /** The thread's answer to `body`; rejects once the thread is gone. */
  request(body: Req): Promise<Reply>;
  /** `body` for the thread, no answer wanted (nothing, once the thread is gone). */
  post(body: Req): void;
  /** Why the thread is gone, once it is. */
  readonly gone: Error | undefined;
  /** Ends the thread (after the work it is doing) and settles when it has ended. */
  close(): Promise<void>;
}

export interface RequestThreadHooks<Reply> {
  /** Names the thread in what its failures say ("WAL checkpoint thread"). */
  label: string;
  /** What the thread did every interval (requests' answers go to their callers). */
  onReport?: (body: Reply) => void;
  /** The thread failed or exited, not closed by `close`. */
  onFailure?: (reason: Error) => void;
}

/** Starts the thread module `name` beside `callerUrl` (see startThread) with `data`. */
export function startRequestThread<Req, Reply>(
  callerUrl: string, name: string, data: unknown, hooks: RequestThreadHooks<Reply>,
): RequestThread<Req, Reply> {
  const worker: Worker = startThread(callerUrl, name, data);
  worker.unref();
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let gone: Error | undefined;
  let closing = false;
  const end = (reason: Error): void => {
    if (gone) return;
    gone = reason;
    for (const w of waiting.values()) w.reject(reason);
    waiting.clear();
    if (!closing) hooks.onFailure?.(reason);
  };
  worker.on('message', (msg: FromThread<Reply>) => {
    if (msg.type === 'reply') {
      if (msg.id === undefined) {
        hooks.onReport?.(msg.body);
        return;
      }
      waiting.get(msg.id)?.resolve(msg.body);
      waiting.delete(msg.id);
    } else if (msg.type === 'failed') {
      end(new Error(`${hooks.label}: ${msg.message}`));
    }
  });
  worker.on('error', (err) => end(new Error(`${hooks.label}: ${err.message}`)));
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      end(new Error(`${hooks.label} exited (code ${code})`));
      resolve();
    });
  });
  return {
    request(body) {
      if (gone) return Promise.reject(gone);
      const id = nextId++;
      return new Promise<Reply>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: 'request', id, body } satisfies ToThread<Req>);
      });
    },
    post(body) {
      if (!gone) worker.postMessage({ type: 'request', body } satisfies ToThread<Req>);
    },
    get gone() {
      return gone;
    },
    async close() {
      closing = true;
      // Held open until the thread has ended: awaiting an unref'd thread alone would let the process exit here.
      worker.ref();
      if (!gone) worker.postMessage({ type: 'close' } satisfies ToThread<Req>);
      await exited;
    },
  };
}

/** What a request thread does, made by `open` once the thread starts. */
export interface ThreadWork<Req, Reply> {
  /** The answer to a request (undefined: none to send). */
  handle(body: Req): Reply | undefined;
  /**
   * Its own work every `ms`; what it returns (if anything) is reported to the floor. While
   * `more` says there is more of it, it runs again at the next turn instead, so requests
   * (a close) get in between: work in bounded steps, however much has piled up.
   */
  every?: { ms: number; run(): Reply | undefined; more?(): boolean };
  /** Releases what `open` took (the thread is ending). */
  close(): void;
}

/**
 * The thread's side: opens its work, runs it every interval and for each request, and
 * ends on `close`. Anything its work throws (opening included) is sent to the floor as the
 * thread's failure, and the thread ends.
 */
export function serveRequests<Req, Reply>(open: () => ThreadWork<Req, Reply>, port: MessagePort = parentPort!): void {
  let work: ThreadWork<Req, Reply> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let again: NodeJS.Immediate | undefined;
  const end = (): void => {
    if (timer !== undefined) clearInterval(timer);
    if (again !== undefined) clearImmediate(again);
    work?.close();
    port.close();
  };
  const fail = (err: unknown): void => {
    port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromThread<Reply>);
    end();
  };
  // A request is always answered (its caller waits); the thread's own work only when it has something to say.
  const reply = (body: Reply | undefined, id?: number): void => {
    if (id !== undefined || body !== undefined) {
      port.postMessage({ type: 'reply', ...(id !== undefined && { id }), body: body as Reply } satisfies FromThread<Reply>);
    }
  };
  try {
    work = open();
    const every = work.every;
    if (every) {
      const step = (): void => {
        again = undefined;
        try {
          reply(every.run());
          if (every.more?.() === true) again = setImmediate(step);
        } catch (err) {
          fail(err);
        }
      };
      timer = setInterval(() => {
        if (again === undefined) step();
      }, every.ms);
    }
    port.on('message', (msg: ToThread<Req>) => {
      if (msg.type === 'close') {
        end();
        return;
      }
      try {
        reply(work!.handle(msg.body), msg.id);
      } catch (err) {
        fail(err);
      }
    });
    port.postMessage({ type: 'ready' } satisfies FromThread<Reply>);
  } catch (err) {
    fail(err);
  }
}
