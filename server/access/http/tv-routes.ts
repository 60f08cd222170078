/**
 * `/api/v1/tv/pair-requests`: what a TV with no credentials may do, namely ask for a
 * pairing code and poll, with the secret it got, until an admin has paired it and it
 * collects its device token (once).
 */
import { Router } from 'express';
import type { AccessService } from '../service/access-service.js';
import { perIpLimit, type RateLimits } from './rate-limits.js';
import { ipOf, noStore } from './request-context.js';

export const POLL_TOKEN_HEADER = 'x-poll-token';

export function createTvRoutes(access: AccessService, limits: RateLimits): Router {
  const router = Router();
  const requestLimit = perIpLimit(limits.pairRequestsPerMinute, 'too many pairing requests from this address; try again later');
  const pollLimit = perIpLimit(limits.pairPollsPerMinute, 'polling too fast; slow down');

  router.post('/api/v1/tv/pair-requests', noStore, requestLimit, async (req, res) => {
    res.status(201).json(await access.createPairRequest(ipOf(req)));
  });

  router.get('/api/v1/tv/pair-requests/:id', noStore, pollLimit, async (req, res) => {
    const pollToken = req.get(POLL_TOKEN_HEADER);
    if (pollToken === undefined || pollToken === '') {
      res.status(400).json({ error: `invalid ${POLL_TOKEN_HEADER}: required`, field: POLL_TOKEN_HEADER });
      return;
    }
    res.json(await access.pollPairRequest(String(req.params.id), pollToken));
  });

  return router;
}
