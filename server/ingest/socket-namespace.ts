/**
 * The socket.io `/ingest` namespace: long-lived feeds emit `events` batches and get the
 * same IngestResult the HTTP route answers. Handlers never throw (a throw in a socket.io
 * listener would take the process down with an uncaught exception).
 */
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { IngestResult } from '../../shared/ingest.js';
import type { IngestClientToServer, IngestServerToClient } from '../../shared/wallboard.js';
import { BusyError, type IngestService } from './ingest-service.js';
import type { Authenticator } from '../access/principal.js';
import { PROBLEMS } from '../../shared/problems.js';
import { storageRefusal } from './storage-failure.js';

export type IngestNamespace = Namespace<IngestClientToServer, IngestServerToClient, Record<string, never>, { feedId: string; feedName: string }>;

export interface IngestNamespaceDeps {
  ingest: IngestService;
  logger: Logger;
  /** The feed's token comes as `auth: { token }` in the handshake. */
  auth: Pick<Authenticator, 'feedFromToken' | 'onRevoked'>;
}

type IngestAck = (result: IngestResult | { error: string }) => void;

export function registerIngestNamespace(nsp: IngestNamespace, { ingest, logger, auth }: IngestNamespaceDeps): () => void {
  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    const given = typeof token === 'string' && token !== '' ? token : undefined;
    auth.feedFromToken(given).then((feed) => {
      // As the HTTP route: no token is a setup step left out, a token not taken another fix.
      if (!feed) return next(new Error(given === undefined ? 'a feed token is required (auth: { token })' : PROBLEMS.feedTokenInvalid));
      socket.data.feedId = feed.id;
      socket.data.feedName = feed.name;
      return next();
    }, () => next(new Error('unauthorized')));
  });
  // A revoked token stops its feed at once.
  const stop = auth.onRevoked((r) => {
    if (r.kind !== 'feed') return;
    for (const socket of nsp.sockets.values()) if (socket.data.feedId === r.id) socket.disconnect(true);
  });

  nsp.on('connection', (socket) => {
    const log = logger.child({ ns: '/ingest', socket: socket.id });

    socket.on('events', (batch: unknown, maybeAck?: unknown) => {
      // `emit('events', ack)` with the batch forgotten: answer the ack rather than hang it.
      let ack = typeof maybeAck === 'function' ? (maybeAck as IngestAck) : undefined;
      if (ack === undefined && typeof batch === 'function') {
        ack = batch as IngestAck;
        batch = undefined;
      }
      void handleEvents(batch, ack, log, socket.data.feedName);
    });
  });

  async function handleEvents(batch: unknown, ack: IngestAck | undefined, log: Logger, feed: string): Promise<void> {
    if (!Array.isArray(batch)) {
      reply(ack, { error: 'expected an array of events' });
      return;
    }
    try {
      // Without an ack the batch is still ingested: a fire-and-forget feed loses nothing.
      const result = await ingest.ingestBatch(batch, undefined, feed);
      log.debug({ accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected }, 'ingest batch');
      reply(ack, result);
    } catch (err) {
      if (err instanceof BusyError) {
        reply(ack, { error: err.message });
        return;
      }
      // As the HTTP route's 503: not stored, so the feed sends the batch again later.
      const storage = storageRefusal(err);
      if (storage !== undefined) {
        log.warn({ err, feed, items: batch.length }, 'ingest: the storage failed; batch refused, to be sent again');
        reply(ack, { error: storage.error });
        return;
      }
      // Said with the feed and the batch, so a feed resending a batch that keeps failing
      // shows in the log as such (an event that could not be stored is rejected alone).
      log.error({ err, feed, items: batch.length, firstId: firstId(batch) }, 'ingest batch failed');
      // Resending is safe: events that did get stored come back as duplicates.
      reply(ack, { error: 'ingest failed on the server (the reason is in its log); send the batch again' });
    }
  }

  function firstId(batch: unknown[]): string | undefined {
    const id = (batch[0] as { id?: unknown } | null | undefined)?.id;
    return typeof id === 'string' ? id.slice(0, 200) : undefined;
  }

  function reply(ack: IngestAck | undefined, result: IngestResult | { error: string }): void {
    if (ack === undefined) return;
    try {
      ack(result);
    } catch (err) {
      logger.warn({ err }, 'ingest ack failed');
    }
  }

  return stop;
}
