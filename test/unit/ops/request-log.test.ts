/** The request log: an id per request (the caller's or a new one), echoed, and one JSON line with it. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../server/ops/metrics.js';
import { loggablePath, requestLog } from '../../../server/ops/request-log.js';
import { parsePrometheusText } from './prometheus-text.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface LogLine { level: number; msg: string; reqId?: string; method?: string; path?: string; status?: number; ms?: number; aborted?: boolean }

/** A logger whose lines land in `lines`, parsed. */
function capture(level = 'debug'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(app: express.Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function appWith(logger: Logger, metrics = createMetrics()) {
  const app = express();
  app.use(requestLog(logger, { metrics }));
  app.get('/api/v1/alerts/:id', (req, res) => {
    (res.locals.log as Logger).info({ alert: req.params.id }, 'looked up');
    res.json({ id: req.params.id });
  });
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  // The acknowledge link's shape (server/notify/http/ack-routes.ts): the token is the credential.
  app.all('/ack/:token', (_req, res) => {
    res.type('html').send('<p>ok</p>');
  });
  return { app, metrics };
}

describe('requestLog', () => {
  it('makes a fresh id, sends it back, and logs one line with method, path, status and ms', async () => {
    const { logger, lines } = capture();
    const base = await serve(appWith(logger).app);
    const res = await fetch(`${base}/api/v1/alerts/a-1?pairing=SECRET`);
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    const requestLine = lines.find((line) => line.msg === 'request');
    expect(requestLine).toMatchObject({ reqId: id, method: 'GET', path: '/api/v1/alerts/a-1', status: 200, level: 30 });
    expect(requestLine?.ms).toBeGreaterThanOrEqual(0);
    // The handler's own line carries the same id; the query string is never logged.
    expect(lines.find((line) => line.msg === 'looked up')).toMatchObject({ reqId: id });
    expect(JSON.stringify(lines)).not.toContain('SECRET');
    // Another request, another id.
    const second = await fetch(`${base}/api/v1/alerts/a-2`);
    expect(second.headers.get('x-request-id')).not.toBe(id);
  });

  it("keeps a caller's sane x-request-id and replaces one that is not", async () => {
    const { logger, lines } = capture();
    const base = await serve(appWith(logger).app);
    const kept = await fetch(`${base}/health`, { headers: { 'x-request-id': 'pbx1-retry-7' } });
    expect(kept.headers.get('x-request-id')).toBe('pbx1-retry-7');
    for (const bad of ['two words', 'x'.repeat(129), 'quote"s']) {
      const res = await fetch(`${base}/health`, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id'), bad).toMatch(UUID);
    }
    expect(lines.filter((line) => line.msg === 'request').map((line) => line.reqId)[0]).toBe('pbx1-retry-7');
  });

  it('logs probes at debug and everything else at info', async () => {
    const { logger, lines } = capture('info');
    const base = await serve(appWith(logger).app);
    await fetch(`${base}/health`);
    await fetch(`${base}/api/v1/alerts/a-1`);
    await fetch(`${base}/nowhere`);
    expect(lines.filter((line) => line.msg === 'request').map((line) => [line.path, line.status])).toEqual([
      ['/api/v1/alerts/a-1', 200], ['/nowhere', 404],
    ]);
  });

  it('times requests by route pattern, never by concrete path', async () => {
    const { logger } = capture();
    const { app, metrics } = appWith(logger);
    const base = await serve(app);
    await fetch(`${base}/api/v1/alerts/a-1`);
    await fetch(`${base}/api/v1/alerts/a-2`);
    await fetch(`${base}/nowhere`);
    const exposition = parsePrometheusText(await metrics.registry.metrics());
    const count = (route: string, status: string) =>
      exposition.value('floorwatch_http_request_duration_seconds_count', { method: 'GET', route, status });
    expect(count('/api/v1/alerts/:id', '200')).toBe(2);
    expect(count('not-found', '404')).toBe(1);
    expect(exposition.samples.some((s) => s.labels.route === '/api/v1/alerts/a-1')).toBe(false);
  });

  it('never logs an acknowledge link\'s token: the path is /ack/[redacted], however it is written', async () => {
    const { logger, lines } = capture();
    const { app, metrics } = appWith(logger);
    const base = await serve(app);
    const token = 'eyJkIjoiYWwtNDI6bGVhZCJ9.SIGNATURE_abc123';
    expect((await fetch(`${base}/ack/${token}`)).status).toBe(200);
    expect((await fetch(`${base}/ack/${token}?utm=x`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${base}/ACK/${token}/`)).status).toBe(200);
    expect((await fetch(`${base}/ack/${token}/more`)).status).toBe(404);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.map((line) => [line.method, line.path])).toEqual([
      ['GET', '/ack/[redacted]'], ['POST', '/ack/[redacted]'], ['GET', '/ack/[redacted]'], ['GET', '/ack/[redacted]'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('SIGNATURE_abc123');
    // The metric label is the route's pattern, never the token.
    expect(await metrics.registry.metrics()).not.toContain('SIGNATURE_abc123');
  });

  it('loggablePath: no query, no credential; other paths as they are', () => {
    expect(loggablePath('/ack/abc.def?x=1#frag')).toBe('/ack/[redacted]');
    expect(loggablePath('//ack/abc')).toBe('/ack/[redacted]');
    expect(loggablePath('/api/v1/alerts/a-1/acknowledge?token=t')).toBe('/api/v1/alerts/a-1/acknowledge');
    expect(loggablePath('/acknowledge/x')).toBe('/acknowledge/x');
    expect(loggablePath('/ack')).toBe('/ack');
  });
});
