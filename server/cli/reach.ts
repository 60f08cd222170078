/**
 * A running server over HTTP, for the commands that send it something (`import`,
 * `simulate --url`): a URL fetch could not use refused before any work, and a failure to
 * connect said as one ("cannot reach http://127.0.0.1:4799 (connection refused): is the
 * server running?") rather than undici's bare "fetch failed".
 */

/** Refuses a --url fetch could not use, before the file is read (fetch would say only "Invalid URL"). */
export function checkServerUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--url ${url} is not a URL (e.g. http://127.0.0.1:8080)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`--url ${url} is not an http:// or https:// URL (e.g. http://127.0.0.1:8080)`);
  }
}

/** What a connection error's code means to the person running the command. */
const CONNECT_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/**
 * fetch, with a failure to connect said as one: undici's own message is only "fetch
 * failed", its reason is in the error's cause (an AggregateError's when several
 * addresses were tried).
 */
export async function reach(base: string, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(new URL(path, base), init);
  } catch (err) {
    const code = causeCode(err);
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    const why = timedOut ? 'no answer in time' : code === undefined ? (err instanceof Error ? err.message : String(err)) : (CONNECT_FAILURES[code] ?? code);
    const hint = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'is the host in --url right?' : 'is the server running?';
    throw new Error(`cannot reach ${base} (${why}): ${hint}`, { cause: err });
  }
}

function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } } | undefined)?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}
