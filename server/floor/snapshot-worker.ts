/**
 * A snapshot taker on a worker thread (options.ts, SnapshotTaker). On a big floor (50,000
 * agents) serialising the state and writing it took two to three seconds, all of it on the
 * event loop: every screen froze once a minute. The worker keeps its own copy of the floor,
 * a replica of the log on its own connection to the same SQLite file (the engine is
 * deterministic, so its state at a seq is the floor's), and when asked catches up, writes
 * the snapshot in parts (storage/sqlite/snapshots.ts) and says which seq it wrote.
 *
 * The cost is a second copy of the state in memory (about as large as the floor's own
 * heap) and the replay's CPU, on the other core.
 */
import { Worker } from 'node:worker_threads';
import type { RulesConfig } from '../../shared/rules-config.js';
import type { SnapshotTaker } from './options.js';

export interface SnapshotWorkerOptions {
  /** The floor's SQLite file (not `:memory:`: the worker opens it too). */
  dbPath: string;
  synchronous?: 'NORMAL' | 'FULL';
  /** As the floor has them (the log's own rules changes win, as they do for the floor). */
  rules: RulesConfig;
  reorderWindowMs: number;
  retentionMs?: number;
}

/** What the thread is sent and answers (snapshot-worker-thread.ts). */
export type ToSnapshotThread = { type: 'take'; id: number; seq: number } | { type: 'close' };
export type FromSnapshotThread = { type: 'taken'; id: number; seq: number } | { type: 'failed'; id: number; message: string } | { type: 'closed' };

/**
 * Compiled, the thread is a .js file beside this one. From sources (tests, `npm run
 * floorwatch`), it is .ts: the thread registers tsx first, as the process did.
 */
function startThread(data: SnapshotWorkerOptions): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./snapshot-worker-thread.js', here), { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./snapshot-worker-thread.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

export function startSnapshotWorker(options: SnapshotWorkerOptions): SnapshotTaker {
  const worker = startThread(options);
  const waiting = new Map<number, { resolve: (seq: number) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let broken: Error | undefined;
  let closed: Promise<void> | undefined;

  const failAll = (err: Error): void => {
    broken ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (msg: FromSnapshotThread) => {
    if (msg.type === 'closed') return;
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.type === 'taken') w?.resolve(msg.seq);
    else w?.reject(new Error(`snapshot worker: ${msg.message}`));
  });
  worker.on('error', (err) => failAll(new Error(`snapshot worker failed: ${err.message}`, { cause: err })));
  worker.on('exit', (code) => failAll(new Error(`snapshot worker exited (code ${code})`)));
  // Idle between snapshots: it must not keep the process alive by itself.
  worker.unref();

  return {
    take(seq: number): Promise<number> {
      if (closed) return Promise.reject(new Error('snapshot worker closed'));
      if (broken) return Promise.reject(broken);
      const id = ++nextId;
      return new Promise<number>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: 'take', id, seq } satisfies ToSnapshotThread);
      });
    },
    close(): Promise<void> {
      closed ??= (async () => {
        if (!broken) {
          const done = new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
          });
          worker.postMessage({ type: 'close' } satisfies ToSnapshotThread);
          await done;
        }
        failAll(new Error('snapshot worker closed'));
      })();
      return closed;
    },
  };
}
