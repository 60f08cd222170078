/**
 * The API's error handler: a database that cannot answer is a 503 with Retry-After and a
 * code a page translates (it was "500 internal error" while PostgreSQL was away), any other
 * failure a 500 that shows nothing of itself.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonErrorHandler } from '../../../server/http/errors.js';

let server: Server;
let base: string;
const failures: Record<string, () => Error> = {
  'pg-lost': () => new Error('Connection terminated unexpectedly'),
  'pg-timeout': () => new Error('timeout exceeded when trying to connect'),
  'pg-refused': () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
  'sqlite-full': () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
  bug: () => new Error('Cannot read properties of undefined (reading \'x\')'),
};

beforeAll(async () => {
  const app = express();
  app.get('/api/fail/:kind', (req) => {
    throw failures[req.params.kind]();
  });
  app.use(jsonErrorHandler(pino({ level: 'silent' })));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('jsonErrorHandler', () => {
  it.each([
    ['pg-lost', 'database unreachable'], ['pg-timeout', 'database unreachable'], ['pg-refused', 'database unreachable'], ['sqlite-full', 'disk full'],
  ])('%s: 503, Retry-After, storageUnavailable naming what failed', async (kind, what) => {
    const res = await fetch(`${base}/api/fail/${kind}`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ error: `the database cannot answer now (${what}); try again in a moment`, code: 'storageUnavailable', params: { what } });
  });

  it('a bug: 500 internal error, nothing of the error shown', async () => {
    const res = await fetch(`${base}/api/fail/bug`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal error', code: 'internal' });
  });
});
