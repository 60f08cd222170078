import { describe, expect, it } from 'vitest';
import { activeAdmin, harness, MINUTE, request } from './harness.js';

describe('feed tokens', () => {
  it('create, authenticate (ingest only), revoke', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const { token, view } = await h.access.createFeedToken('Avaya adapter', admin.id, '10.0.0.1');
    expect(view).toEqual({ id: expect.any(String), name: 'Avaya adapter', createdAt: h.clock.now(), createdBy: admin.id });
    expect(await h.access.feedFromToken(token)).toEqual({ kind: 'feed', id: view.id, name: 'Avaya adapter' });
    expect((await h.store.feedTokens.get(view.id))?.lastUsedAt).toBe(h.clock.now());
    // Scoped to ingest: it shows no floor.
    expect(await h.access.viewerFromRequest(request({ bearer: token }))).toBeNull();
    expect(JSON.stringify(await h.store.feedTokens.list())).not.toContain(token);

    h.clock.advance(MINUTE);
    const revoked = await h.access.revokeFeedToken(view.id, admin.id);
    expect(revoked.revokedAt).toBe(h.clock.now());
    expect(h.revocations).toContainEqual({ kind: 'feed', id: view.id });
    expect(await h.access.feedFromToken(token)).toBeNull();
    expect(await h.access.listFeedTokens()).toEqual([revoked]);
  });

  it('unknown, empty and absent tokens are no one', async () => {
    const h = harness();
    expect(await h.access.feedFromToken(undefined)).toBeNull();
    expect(await h.access.feedFromToken('')).toBeNull();
    expect(await h.access.feedFromToken('nope')).toBeNull();
  });

  it('ensureFeedToken gives a fresh token and revokes the older ones of that name', async () => {
    const h = harness();
    const first = await h.access.ensureFeedToken('demo simulator');
    const other = await h.access.createFeedToken('other feed', 'system');
    const second = await h.access.ensureFeedToken('demo simulator');
    expect(second).not.toBe(first);
    expect(await h.access.feedFromToken(first)).toBeNull();
    expect(await h.access.feedFromToken(second)).toMatchObject({ name: 'demo simulator' });
    expect(await h.access.feedFromToken(other.token)).toMatchObject({ name: 'other feed' });
    const active = (await h.access.listFeedTokens()).filter((t) => t.revokedAt === undefined);
    expect(active.map((t) => t.name).sort()).toEqual(['demo simulator', 'other feed']);
  });
});
