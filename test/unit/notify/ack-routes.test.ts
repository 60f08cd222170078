/**
 * The acknowledge pages' failure path: when the service fails, the page says so and the
 * failure is logged without the token (a secret bound to one recipient and alert); the
 * app's error handler, which logs the URL, never sees it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonErrorHandler } from '../../../server/http/errors.js';
import type { AckService } from '../../../server/notify/ack/ack-service.js';
import { createAckRouter } from '../../../server/notify/http/ack-routes.js';
import { requestLog } from '../../../server/ops/request-log.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('the acknowledge routes when the service fails', () => {
  it('answer 500 with a page, and log the failure with /ack/[redacted], never the token', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    const failing = {
      check: () => Promise.reject(new Error('database is locked')),
      acknowledge: () => Promise.reject(new Error('database is locked')),
    } as unknown as AckService;
    const app = express();
    app.use(requestLog(logger));
    const sessions = { viewerFromRequest: async () => null, sessionCsrfToken: async () => null };
    app.use(createAckRouter({ ack: failing, sessions, clock: { now: () => 0 }, alertUrl: (id) => `/alerts?alert=${id}`, logger }));
    app.use(jsonErrorHandler(logger));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const token = 'eyJkIjoiYWwtNDIifQ.TOKEN_SIGNATURE_xyz';
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${base}/ack/${token}`, { method });
      expect(res.status).toBe(500);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toContain('Something went wrong');
    }
    const parsed = lines.map((l) => JSON.parse(l) as { msg: string; path?: string; url?: string });
    expect(parsed.filter((l) => l.msg === 'request failed').map((l) => l.path)).toEqual(['/ack/[redacted]', '/ack/[redacted]']);
    expect(parsed.filter((l) => l.msg === 'request').map((l) => l.path)).toEqual(['/ack/[redacted]', '/ack/[redacted]']);
    expect(lines.join('\n')).not.toContain('TOKEN_SIGNATURE_xyz');
  });
});
