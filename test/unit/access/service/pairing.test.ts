import { describe, expect, it } from 'vitest';
import { activeAdmin, harness, MINUTE, request } from './harness.js';

describe('pairing a TV display', () => {
  it('code -> admin pairs -> the TV collects its token exactly once -> it sees the floor as a display', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const ticket = await h.access.createPairRequest('10.0.9.9');
    expect(ticket).toEqual({ id: expect.any(String), code: expect.stringMatching(/^[A-Z0-9]{6}$/), pollToken: expect.any(String), expiresAt: h.clock.now() + 10 * MINUTE });
    expect(await h.access.pollPairRequest(ticket.id, ticket.pollToken)).toEqual({ status: 'pending' });

    const device = await h.access.pairDisplay(ticket.code.toLowerCase(), 'Seating area TV', admin.id, '10.0.0.1');
    expect(device).toEqual({ id: expect.any(String), name: 'Seating area TV', createdAt: h.clock.now(), createdBy: admin.id });

    const collected = await h.access.pollPairRequest(ticket.id, ticket.pollToken);
    expect(collected).toEqual({ status: 'paired', deviceToken: expect.any(String) });
    expect(await h.access.pollPairRequest(ticket.id, ticket.pollToken)).toEqual({ status: 'paired' });

    const viewer = await h.access.viewerFromRequest(request({ bearer: collected.deviceToken }));
    expect(viewer).toEqual({ kind: 'device', id: device.id, name: 'Seating area TV', role: 'display', teams: [] });
    const fromSocket = await h.access.viewerFromHandshake({ headers: {}, auth: { deviceToken: collected.deviceToken } });
    expect(fromSocket).toEqual(viewer);
    expect(await h.access.me(viewer!)).toEqual({ kind: 'device', id: device.id, name: 'Seating area TV', role: 'display', teams: [], mustChangePassword: false });
    // Scoped: a device token is not a feed token.
    expect(await h.access.feedFromToken(collected.deviceToken)).toBeNull();
    // Stored only as a hash.
    expect(JSON.stringify(await h.store.devices.list())).not.toContain(collected.deviceToken!);
    expect(JSON.stringify(await h.store.pairRequests.get(ticket.id))).not.toContain(collected.deviceToken!);
  });

  it('delivers the token once even to parallel polls', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const ticket = await h.access.createPairRequest();
    await h.access.pairDisplay(ticket.code, 'TV', admin.id);
    const polls = await Promise.all([1, 2, 3].map(() => h.access.pollPairRequest(ticket.id, ticket.pollToken)));
    expect(polls.filter((p) => p.deviceToken !== undefined)).toHaveLength(1);
  });

  it('only the TV holding the poll token can collect', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const ticket = await h.access.createPairRequest();
    await h.access.pairDisplay(ticket.code, 'TV', admin.id);
    expect(await h.access.pollPairRequest(ticket.id, 'someone-elses-guess')).toEqual({ status: 'expired' });
    expect(await h.access.pollPairRequest('pair_unknown', ticket.pollToken)).toEqual({ status: 'expired' });
    expect((await h.access.pollPairRequest(ticket.id, ticket.pollToken)).deviceToken).toEqual(expect.any(String));
  });

  it('a code expires after ten minutes', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const ticket = await h.access.createPairRequest();
    h.clock.advance(10 * MINUTE);
    expect(await h.access.pollPairRequest(ticket.id, ticket.pollToken)).toEqual({ status: 'expired' });
    await expect(h.access.pairDisplay(ticket.code, 'TV', admin.id)).rejects.toMatchObject({ code: 'not-found', field: 'code' });
  });

  it('a code pairs one display only', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const ticket = await h.access.createPairRequest();
    await h.access.pairDisplay(ticket.code, 'TV', admin.id);
    await expect(h.access.pairDisplay(ticket.code, 'TV 2', admin.id)).rejects.toMatchObject({ code: 'conflict' });
    expect(await h.access.listDevices()).toHaveLength(1);
  });

  it('revoking a display emits a revocation and refuses its token from then on', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const ticket = await h.access.createPairRequest();
    const device = await h.access.pairDisplay(ticket.code, 'TV', admin.id);
    const { deviceToken } = await h.access.pollPairRequest(ticket.id, ticket.pollToken);
    h.clock.advance(MINUTE);
    const revoked = await h.access.revokeDevice(device.id, admin.id, '10.0.0.1');
    expect(revoked.revokedAt).toBe(h.clock.now());
    expect(h.revocations).toContainEqual({ kind: 'device', id: device.id });
    expect(await h.access.viewerFromRequest(request({ bearer: deviceToken }))).toBeNull();
    expect(await h.access.viewerFromHandshake({ headers: {}, auth: { deviceToken } })).toBeNull();
    await expect(h.access.revokeDevice('dev_nope', admin.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('records lastSeenAt at most once a minute', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const ticket = await h.access.createPairRequest();
    const device = await h.access.pairDisplay(ticket.code, 'TV', admin.id);
    const { deviceToken } = await h.access.pollPairRequest(ticket.id, ticket.pollToken);
    const seen = async () => (await h.store.devices.get(device.id))?.lastSeenAt;
    await h.access.viewerFromRequest(request({ bearer: deviceToken }));
    const first = await seen();
    expect(first).toBe(h.clock.now());
    h.clock.advance(59_000);
    await h.access.viewerFromRequest(request({ bearer: deviceToken }));
    expect(await seen()).toBe(first);
    h.clock.advance(1_000);
    await h.access.viewerFromRequest(request({ bearer: deviceToken }));
    expect(await seen()).toBe(first! + MINUTE);
  });
});
