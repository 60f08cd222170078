/**
 * Posts pre-encoded NDJSON batches as fast as the receiver takes them, a few requests in
 * flight (a feed with a small pipeline) over keep-alive connections, and reports events
 * per second.
 */
import http from 'node:http';

export interface LoadResult {
  events: number;
  seconds: number;
  perSecond: number;
  /** Events the receiver said it accepted (its own count). */
  accepted: number;
  /** Batches the receiver refused as busy (503) and that were sent again. */
  busyRetries: number;
}

/**
 * One POST; resolves with the status and body text. A server that answers before reading
 * the body (a busy refusal) may close the connection under the rest of it: once an answer
 * came, that error is the answer's, not the request's. A connection dropped before any
 * answer rejects; `postAgain` reads that as a refusal.
 */
export function post(url: URL, body: Buffer, headers: Record<string, string>, agent?: http.Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(url, {
      method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) },
    }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.end(body);
  });
}

/**
 * post(), with a connection the server dropped under the request (EPIPE, ECONNRESET)
 * answered as a refusal (503): a feed sends such a batch again, and its ids make that safe.
 */
export function postAgain(url: URL, body: Buffer, headers: Record<string, string>, agent?: http.Agent): Promise<{ status: number; text: string }> {
  return post(url, body, headers, agent).catch((err: unknown) => {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EPIPE' || code === 'ECONNRESET') return { status: 503, text: `connection dropped (${code})` };
    throw err;
  });
}

export function ingestHeaders(token?: string): Record<string, string> {
  return {
    'content-type': 'application/x-ndjson',
    ...(token !== undefined && { authorization: `Bearer ${token}` }),
  };
}

export async function postAll(
  url: string,
  batches: readonly Buffer[],
  counts: readonly number[],
  options: { token?: string; inFlight?: number } = {},
): Promise<LoadResult> {
  const inFlight = options.inFlight ?? 4;
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const target = new URL(url);
  const headers = ingestHeaders(options.token);
  let next = 0;
  let accepted = 0;
  let refused = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= batches.length) return;
      let res = await postAgain(target, batches[i]!, headers, agent);
      // A busy server (503) is asked again, as a feed does; nothing of the batch was taken.
      while (res.status === 503) {
        refused += 1;
        await new Promise((r) => setTimeout(r, 100));
        res = await postAgain(target, batches[i]!, headers, agent);
      }
      if (res.status >= 300) throw new Error(`POST ${url} answered ${res.status}: ${res.text.slice(0, 300)}`);
      const body = JSON.parse(res.text) as { accepted?: number };
      accepted += body.accepted ?? counts[i]!;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const events = counts.reduce((a, b) => a + b, 0);
  return { events, seconds, perSecond: events / seconds, accepted, busyRetries: refused };
}
