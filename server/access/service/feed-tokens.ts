/**
 * Feed tokens: each feed (a telephony adapter, the demo simulator) authenticates with its
 * own bearer token, scoped to ingest only. The token is shown once, stored as its SHA-256,
 * and can be revoked, which also cuts the feed's open socket.
 */
import type { FeedTokenView } from '../../../shared/access.js';
import { newId, randomToken, sha256Hex } from '../tokens.js';
import type { FeedTokenRecord } from '../types.js';
import { from, recordKey, type AccessContext } from './context.js';
import { AccessError } from './errors.js';
import { feedTokenView } from './views.js';

export interface FeedTokensArea {
  createFeedToken(name: string, byId: string, ip?: string): Promise<{ token: string; view: FeedTokenView }>;
  listFeedTokens(): Promise<FeedTokenView[]>;
  revokeFeedToken(id: string, byId: string, ip?: string): Promise<FeedTokenView>;
  /**
   * For a feed the server runs itself: a fresh token under `name` (a plain token cannot be
   * read back later), with the older active tokens of that name revoked.
   */
  ensureFeedToken(name: string): Promise<string>;
}

export function createFeedTokens(ctx: AccessContext): FeedTokensArea {
  const { store, clock, audit } = ctx;

  async function createFeedToken(name: string, byId: string, ip?: string) {
    const token = randomToken();
    const record: FeedTokenRecord = {
      id: newId('feed'), name: name.trim(), tokenHash: sha256Hex(token), createdAt: clock.now(), createdBy: byId,
    };
    await store.feedTokens.create(record);
    await audit.record({ actor: byId, action: 'feed-token-created', target: record.id, ...from(ip), detail: { name: record.name } });
    return { token, view: feedTokenView(record) };
  }

  async function listFeedTokens(): Promise<FeedTokenView[]> {
    return (await store.feedTokens.list()).map(feedTokenView);
  }

  async function revokeFeedToken(id: string, byId: string, ip?: string): Promise<FeedTokenView> {
    return ctx.serial(recordKey.feed(id), async () => {
      const token = await store.feedTokens.get(id);
      if (!token) throw new AccessError('not-found', 'no such feed token', 'id');
      if (token.revokedAt !== undefined) return feedTokenView(token);
      const revoked = { ...token, revokedAt: clock.now() };
      await store.feedTokens.update(revoked);
      ctx.revocations.emit({ kind: 'feed', id });
      await audit.record({ actor: byId, action: 'feed-token-revoked', target: id, ...from(ip), detail: { name: token.name } });
      return feedTokenView(revoked);
    });
  }

  async function ensureFeedToken(name: string): Promise<string> {
    const { token, view } = await createFeedToken(name, 'system');
    const older = (await store.feedTokens.list()).filter((t) => t.name === view.name && t.id !== view.id && t.revokedAt === undefined);
    for (const t of older) await revokeFeedToken(t.id, 'system');
    return token;
  }

  return { createFeedToken, listFeedTokens, revokeFeedToken, ensureFeedToken };
}
