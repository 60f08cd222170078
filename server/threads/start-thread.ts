/**
 * Starts a worker thread on a module beside the caller. Compiled, the module is a .js file
 * next to the caller's; from sources (tests, `npm run floorwatch`) it is .ts, and the
 * thread registers tsx first, as the process did.
 */
import { Worker } from 'node:worker_threads';

/** `name` is the module's file name without extension, relative to `callerUrl` (import.meta.url). */
export function startThread(callerUrl: string, name: string, workerData: unknown): Worker {
  if (callerUrl.endsWith('.js')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
