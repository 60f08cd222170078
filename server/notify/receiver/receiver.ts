/**
 * A small webhook receiver: it checks each request's signature with the shared secret
 * (channels/webhook.ts, verifyWebhookSignature) and hands on the verified messages. For
 * the demo, for installers trying a channel, and as the example of how a receiver checks.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../channels/webhook.js';
import type { WebhookBody } from '../templates/webhook.js';

export interface ReceiverOptions {
  port: number;
  host: string;
  secret: string;
  /** Answer 500 to the first N requests (to watch the sender retry). */
  failFirst?: number;
  onMessage(message: WebhookBody, info: { delivery: string; repeat: boolean }): void;
  onRefused(reason: string): void;
}

export interface Receiver {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startReceiver(o: ReceiverOptions): Promise<Receiver> {
  const seen = new Set<string>();
  let toFail = o.failFirst ?? 0;
  const server: Server = createServer(async (req, res) => {
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return answer(405, { error: 'POST only' });
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      return answer(413, { error: 'body too large' });
    }
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const check = verifyWebhookSignature({ secret: o.secret, body, timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER) });
    if (!check.ok) {
      o.onRefused(check.reason);
      return answer(401, { error: check.reason });
    }
    if (toFail > 0) {
      toFail -= 1;
      o.onRefused(`answering 500 on purpose (${toFail} more to fail)`);
      return answer(500, { error: 'failing on purpose (--fail-first)' });
    }
    const delivery = header(DELIVERY_HEADER) ?? '';
    const repeat = seen.has(delivery);
    seen.add(delivery);
    try {
      o.onMessage(JSON.parse(body) as WebhookBody, { delivery, repeat });
    } catch {
      return answer(400, { error: 'not JSON' });
    }
    answer(200, { ok: true });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
