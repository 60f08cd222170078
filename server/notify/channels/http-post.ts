/**
 * One JSON POST with a timeout, its failure put in words an administrator can act on.
 * 4xx answers (but 408 and 429) are permanent: the same request will be refused again.
 */
import { DeliveryError, type ChannelDeps } from './types.js';

export interface PostResult {
  status: number;
  text: string;
}

export async function postJson(url: string, body: string, headers: Record<string, string>, deps: ChannelDeps): Promise<PostResult> {
  let res: Response;
  try {
    res = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Floorwatch-Notify/1', ...headers },
      body,
      signal: AbortSignal.timeout(deps.timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    const timedOut = (err as Error).name === 'TimeoutError';
    throw new DeliveryError(timedOut ? `no answer within ${deps.timeoutMs} ms` : `cannot reach ${hostOf(url)}${cause ? ` (${cause})` : ''}`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
    throw new DeliveryError(`${hostOf(url)} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, permanent);
  }
  return { status: res.status, text };
}

/** The receiver's host only: a robot's URL carries its access key and must not reach logs. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the receiver';
  }
}

/** Robots answer 200 with `{ errcode }` / `{ code }`: anything but 0 is a failure. */
export function robotAnswer(text: string, codeField: 'errcode' | 'code', messageField: 'errmsg' | 'msg'): void {
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new DeliveryError(`the robot answered something that is not JSON: ${text.slice(0, 100)}`);
  }
  // Feishu's older answers carry StatusCode instead of code.
  const code = answer[codeField] ?? answer.StatusCode;
  if (code !== 0) throw new DeliveryError(`the robot refused the message: ${String(code)} ${String(answer[messageField] ?? answer.StatusMessage ?? '')}`.trim());
}
