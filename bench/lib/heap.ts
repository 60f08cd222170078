/**
 * A child process's live heap, measured the honest way: through its inspector (the child
 * runs with --inspect=0), collect garbage, then read process.memoryUsage().heapUsed. The
 * resident size (RSS) of a process that has already grown and freed memory does not move
 * when new objects fill its free pages, so RSS deltas compare badly between processes.
 * Uses the WebSocket Node 20 has behind --experimental-websocket (npm run bench sets it).
 */

/** Finds the inspector's WebSocket address in what the child printed on stderr. */
export function inspectorUrl(stderr: string): string | undefined {
  return /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
}

export async function heapUsedAfterGc(wsUrl: string): Promise<number> {
  const Ws = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!Ws) throw new Error('no WebSocket: run the bench with node --experimental-websocket (npm run bench does)');
  const ws = new Ws(wsUrl);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error(`cannot reach the inspector at ${wsUrl}`));
  });
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.onmessage = (m: MessageEvent) => {
    const msg = JSON.parse(String(m.data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  };
  const call = (method: string, params: object = {}): Promise<unknown> => new Promise((resolve) => {
    const id = ++next;
    pending.set(id, resolve);
    ws.send(JSON.stringify({ id, method, params }));
  });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const result = await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true }) as { result: { value: number } };
    return result.result.value;
  } finally {
    ws.close();
  }
}
