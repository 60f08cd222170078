/**
 * What the access service refuses, in words a client may see. The HTTP layer maps each code
 * to a status (invalid 400, not-found 404, conflict 409); anything else thrown is a fault
 * and becomes a bare 500, never a message or a stack. A refusal with a `problem` (a code of
 * shared/problems.ts) is sent with it, so a screen says it in its reader's language.
 */
import type { ProblemCode } from '../../../shared/problems.js';

export type AccessErrorCode = 'invalid' | 'not-found' | 'conflict';

export class AccessError extends Error {
  constructor(readonly code: AccessErrorCode, message: string, readonly field?: string, readonly problem?: ProblemCode) {
    super(message);
    this.name = 'AccessError';
  }
}
