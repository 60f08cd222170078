/**
 * What the access service refuses, in words a client may see. The HTTP layer maps each code
 * to a status (invalid 400, not-found 404, conflict 409); anything else thrown is a fault
 * and becomes a bare 500, never a message or a stack.
 */
export type AccessErrorCode = 'invalid' | 'not-found' | 'conflict';

export class AccessError extends Error {
  constructor(readonly code: AccessErrorCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'AccessError';
  }
}
