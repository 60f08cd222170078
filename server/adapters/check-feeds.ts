/**
 * The feed URLs checked before the server does anything else: a mistyped `--feed` used to
 * be found only after the first start had created the admin account and printed its
 * one-time password to a console that then showed the feed's error and exited, so the
 * password was lost. Building an adapter only reads its URL (and, for a queue_log, looks
 * whether its directory exists and whether the file, if there, opens for reading): no
 * connection, nothing read or written. So each is built once here, with nowhere to send
 * events, and thrown away.
 */
import pino from 'pino';
import { adapterFor } from './feeds.js';
import type { EventSink } from './types.js';

const nowhere: EventSink = () => Promise.reject(new Error('feed URL check: nothing is sent'));

/** Throws the first bad URL's message (naming `--feed`, never a secret). */
export function checkFeedUrls(urls: readonly string[]): void {
  const silent = pino({ enabled: false });
  for (const url of urls) adapterFor(url, nowhere, silent, { timeZone: 'UTC' });
}
