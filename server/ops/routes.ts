/**
 * GET /metrics (Prometheus text format) and GET /ready (readiness, 200 or 503 with the
 * reasons). Both answer without credentials, like /health: a scraper and a load balancer
 * have none. Neither shows anything about customers or agents; restrict /metrics at the
 * network (or the proxy) if feed names or alert counts are not for everyone.
 */
import { Router } from 'express';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export function createOpsRouter({ metrics, readiness }: { metrics: Metrics; readiness: Readiness }): Router {
  const router = Router();

  router.get('/metrics', async (_req, res) => {
    const text = await metrics.registry.metrics();
    res.set('content-type', metrics.registry.contentType).set('cache-control', 'no-store').send(text);
  });

  router.get('/ready', async (_req, res) => {
    const report = await readiness.check();
    res.status(report.ready ? 200 : 503).set('cache-control', 'no-store').json(report);
  });

  return router;
}
