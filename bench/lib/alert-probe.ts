/**
 * Probes that make the floor raise an alert at once: an agent reports an urgent matter
 * (article 93) about a call of its own; each probe is a new call, so a new alert. The
 * latency of a probe at a client is from just before its POST to the delta carrying it.
 */
import http from 'node:http';
import { isPacked, unpack } from '../../shared/packed.js';
import { ingestHeaders, postAgain } from './http-load.js';

export function probeEvent(runId: string, n: number, agentId = '1001'): object {
  return {
    id: `${runId}-probe-${n}`, type: 'urgent.reported', ts: Date.now(),
    agentId, callId: `${runId}-probe-call-${n}`, summary: 'bench probe',
  };
}

/**
 * The probe numbers carried by a Floorwatch delta's alerts (new ones only: as opened,
 * not changed since; screens get alerts without their history). A packed delta
 * (shared/packed.ts) is unpacked first, as a screen would.
 */
export function probesIn(frame: unknown, runId: string): number[] {
  const delta = isPacked(frame) ? unpack(frame) : frame;
  const alerts = (delta as { alerts?: Array<{ callId?: string; status?: string; openedAt?: number; updatedAt?: number }> }).alerts ?? [];
  const prefix = `${runId}-probe-call-`;
  const out: number[] = [];
  for (const a of alerts) {
    if (a.callId?.startsWith(prefix) && a.status === 'open' && a.updatedAt === a.openedAt) out.push(Number(a.callId.slice(prefix.length)));
  }
  return out;
}

export class Poster {
  private readonly agent: http.Agent;
  private readonly headers: Record<string, string>;
  /** `inFlight`: requests at once (connections kept open), 8 unless said. */
  constructor(private readonly url: URL, token?: string, contentType = 'application/x-ndjson', inFlight = 8) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
    this.headers = { ...ingestHeaders(token), 'content-type': contentType };
  }
  /** Batches the server refused as busy (503) and that were sent again. */
  busyRetries = 0;
  async send(body: object | object[]): Promise<void> {
    const text = Array.isArray(body) ? body.map((e) => JSON.stringify(e)).join('\n') : JSON.stringify(body);
    let res = await postAgain(this.url, Buffer.from(text), this.headers, this.agent);
    // A busy server (503) took nothing of the batch: it is sent again, as a feed does.
    while (res.status === 503) {
      this.busyRetries += 1;
      await new Promise((r) => setTimeout(r, 100));
      res = await postAgain(this.url, Buffer.from(text), this.headers, this.agent);
    }
    if (res.status >= 300) throw new Error(`POST ${this.url.href} answered ${res.status}: ${res.text.slice(0, 200)}`);
  }
  close(): void {
    this.agent.destroy();
  }
}
