/**
 * One JSON POST with a timeout, its failure put in words an administrator can act on.
 * 4xx answers (but 408 and 429) are permanent: the same request will be refused again.
 *
 * What a failure says is ours, never the receiver's: the status code and its standard
 * reason phrase (`answered 404 Not Found`), never the answer's body, which may be anything
 * a server on the network says (an internal page, a token) and is shown on the admin page.
 *
 * Link-local and cloud metadata destinations are refused (destination.ts): an address
 * written in the URL before connecting, a name's addresses as the connection resolves it.
 * Redirects are not followed (a 3xx is a failure), so a receiver cannot send us elsewhere.
 */
import http, { STATUS_CODES, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { checkHost, DestinationRefused, guardedLookup } from './destination.js';
import { codeSuffix, DeliveryError, type ChannelDeps } from './types.js';

export interface PostResult {
  status: number;
  text: string;
}

/** Robots answer a few hundred bytes; anything beyond this is not read. */
const MAX_ANSWER_BYTES = 64 * 1024;

class AnswerTimeout extends Error {}

export async function postJson(url: string, body: string, headers: Record<string, string>, deps: ChannelDeps): Promise<PostResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new DeliveryError('the channel\'s address is not a URL', true);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new DeliveryError('the channel\'s address is not http:// or https://', true);
  let answer: PostResult;
  try {
    checkHost(target.hostname);
    answer = await post(target, body, headers, deps);
  } catch (err) {
    if (err instanceof DestinationRefused) throw new DeliveryError(`refused: ${err.message}`, true);
    if (err instanceof AnswerTimeout) throw new DeliveryError(`no answer within ${deps.timeoutMs} ms`);
    throw new DeliveryError(`cannot reach ${target.host}${codeSuffix(err)}`);
  }
  if (answer.status < 200 || answer.status >= 300) {
    const permanent = answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429;
    throw new DeliveryError(`${target.host} answered ${statusLine(answer.status)}`, permanent);
  }
  return answer;
}

/** `404 Not Found`: the code and its standard phrase (not the phrase the receiver sent). */
export function statusLine(status: number): string {
  const phrase = STATUS_CODES[status];
  return phrase === undefined ? String(status) : `${status} ${phrase}`;
}

function post(target: URL, body: string, headers: Record<string, string>, deps: ChannelDeps): Promise<PostResult> {
  const payload = Buffer.from(body, 'utf8');
  return new Promise<PostResult>((resolve, reject) => {
    const req = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8', 'user-agent': 'Floorwatch-Notify/1', ...headers,
        'content-length': String(payload.length),
      },
      // A fresh connection each time (a few messages a minute), resolved through the guard.
      agent: false,
      lookup: guardedLookup(deps.lookup),
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      const err = new AnswerTimeout();
      settle(() => reject(err));
      req.destroy(err);
    }, deps.timeoutMs);
    req.on('error', (err) => settle(() => reject(err)));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let enough = false;
      const text = () => Buffer.concat(chunks).toString('utf8');
      res.on('data', (chunk: Buffer) => {
        if (enough) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_ANSWER_BYTES) {
          enough = true;
          settle(() => resolve({ status: res.statusCode ?? 0, text: text().slice(0, MAX_ANSWER_BYTES) }));
          res.destroy();
        }
      });
      res.on('end', () => settle(() => resolve({ status: res.statusCode ?? 0, text: text() })));
      res.on('error', (err) => settle(() => reject(err)));
      res.on('close', () => settle(() => reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }))));
    });
    req.end(payload);
  });
}

/**
 * Robots answer 200 with `{ errcode }` / `{ code }`: anything but 0 is a failure. The
 * failure names the robot's numeric code (looked up in its vendor's documentation), never
 * its message or the answer itself.
 */
export function robotAnswer(text: string, codeField: 'errcode' | 'code'): void {
  let answer: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    answer = parsed as Record<string, unknown>;
  } catch {
    throw new DeliveryError('the robot\'s answer is not the JSON a robot sends (is the address right?)');
  }
  // Feishu's older answers carry StatusCode instead of code.
  const code = answer[codeField] ?? answer.StatusCode;
  if (code === 0) return;
  const numeric = (typeof code === 'number' && Number.isInteger(code)) || (typeof code === 'string' && /^-?\d{1,12}$/.test(code));
  throw new DeliveryError(numeric ? `the robot refused the message: ${String(code)} (its error code)` : `the robot refused the message (no ${codeField} 0 in its answer)`);
}
