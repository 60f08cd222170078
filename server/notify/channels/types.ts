/** What every channel is: a function that delivers one message or throws a DeliveryError. */
import type { LookupFunction } from 'node:net';
import type { ChannelConfig, NotificationMessage } from '../../../shared/notify.js';

/**
 * A failed delivery. `permanent` when trying again cannot help (the receiver refused the
 * request as malformed or unauthorised, the mail server refused the mailbox): the
 * notification goes straight to the dead-letter list, where a person sees why.
 */
export class DeliveryError extends Error {
  constructor(message: string, readonly permanent = false) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** ` (ECONNREFUSED)`: an error's code for a failure's words, if it looks like one (else nothing). */
export function codeSuffix(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? ` (${code})` : '';
}

export interface Outgoing {
  message: NotificationMessage;
  /** The contact's address or mention (e-mail address, robot @mention). */
  to?: string;
  /** When it leaves (the alert's age is counted to here; signatures are stamped with it). */
  now: number;
}

export interface ChannelDeps {
  /** How long a receiver may take to answer. */
  timeoutMs: number;
  /**
   * How names are resolved (default: the system's `dns.lookup`; tests give their own). Every
   * answer still passes the destination check (destination.ts): this cannot bypass it.
   */
  lookup?: LookupFunction;
}

export type Transport<C extends ChannelConfig = ChannelConfig> = (channel: C, out: Outgoing, deps: ChannelDeps) => Promise<void>;
