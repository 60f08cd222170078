/**
 * Per-IP rate limits on the endpoints anyone can reach: sign-in (on top of the per-account
 * lockout, so one address cannot spray many accounts) and TV pairing (so the pairing
 * table cannot be flooded). Limits per minute; tests may lower them.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { ProblemCode } from '../../../shared/problems.js';

export interface RateLimits {
  /** Failed sign-ins per IP per minute (a successful one does not count). */
  signInPerMinute: number;
  /** New pairing requests per IP per minute (a TV makes one every ten minutes). */
  pairRequestsPerMinute: number;
  /** Pairing polls per IP per minute (a TV polls every few seconds). */
  pairPollsPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = Object.freeze({
  signInPerMinute: 20,
  pairRequestsPerMinute: 10,
  pairPollsPerMinute: 120,
});

export function perIpLimit(limit: number, error: string, options: { onlyFailures?: boolean } = {}): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    // The standard RateLimit headers, and Retry-After when refused.
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: options.onlyFailures === true,
    // The code lets a screen say it in its reader's language (shared/problems.ts).
    message: { error, code: 'tooManyRequests' satisfies ProblemCode },
  });
}
