/**
 * Every answer under /api is someone's view of the floor (customer numbers masked or not,
 * points, handovers, the plan): `Cache-Control: no-store` on all of them, set in one place
 * (server/app.ts) whichever router answers, refusals and errors included, so no browser
 * cache or proxy keeps a copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0 } from '../helpers/engine-harness.js';
import type { Browser } from './access/access-server.js';
import { startIssue6Server, type Issue6Server } from './handover-points-server.js';

let s: Issue6Server;
let sup: Browser;
let tv: string;

beforeAll(async () => {
  s = await startIssue6Server(T0);
  sup = await s.person('sup', 'supervisor');
  tv = await s.tvToken();
});

afterAll(async () => {
  await s?.close();
});

describe('Cache-Control on the API', () => {
  it('is no-store on the customer-bearing JSON and CSV a person reads', async () => {
    for (const path of ['/api/v1/floor', '/api/v1/alerts', '/api/v1/points/export.csv', '/api/v1/handovers', '/api/v1/schedule', '/api/v1/rules']) {
      const res = await sup.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('is no-store for a display, a refusal, an unknown route and a feed', async () => {
    const display = await fetch(`${s.base}/api/v1/floor`, { headers: { authorization: `Bearer ${tv}` } });
    expect(display.status).toBe(200);
    expect(display.headers.get('cache-control')).toBe('no-store');
    for (const res of [await fetch(`${s.base}/api/v1/alerts`), await sup.call('GET', '/api/v1/no-such-thing')]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const ingest = await fetch(`${s.base}/api/v1/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.feedToken}` }, body: '[]',
    });
    expect(ingest.headers.get('cache-control')).toBe('no-store');
  });

  it('is not forced on the pages and probes outside /api', async () => {
    expect((await fetch(`${s.base}/health`)).headers.get('cache-control')).toBeNull();
  });
});
