/**
 * Revocations fan out to whoever holds live connections (the wallboard and ingest socket
 * namespaces), so a revoked TV or a signed-out user is cut off at once rather than at its
 * next request. A listener that throws is logged and does not stop the others, nor the
 * operation that revoked.
 */
import type { Logger } from 'pino';
import type { Revocation } from '../principal.js';

export interface RevocationHub {
  emit(revocation: Revocation): void;
  /** Returns the unsubscribe function. */
  on(listener: (revocation: Revocation) => void): () => void;
}

export function createRevocationHub(logger: Logger): RevocationHub {
  const listeners = new Set<(revocation: Revocation) => void>();
  return {
    emit(revocation) {
      for (const listener of [...listeners]) {
        try {
          listener(revocation);
        } catch (err) {
          logger.error({ err, revocation }, 'revocation listener failed');
        }
      }
    },
    on(listener) {
      // Wrapped, so subscribing the same function twice gives two independent subscriptions.
      const entry = (revocation: Revocation): void => listener(revocation);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}
