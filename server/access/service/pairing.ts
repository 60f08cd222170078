/**
 * TV displays. A TV with no credentials asks for a pairing request and shows its six-
 * character code; an admin types the code in to enrol it; the TV, polling with a secret
 * only it holds, collects its long-lived device token exactly once. The token grants
 * read-only floor data (role `display`) until an admin revokes it, which cuts the TV off
 * at once.
 */
import type { DeviceView } from '../../../shared/access.js';
import { PROBLEMS } from '../../../shared/problems.js';
import { newId, pairingCode, randomToken, sha256Hex } from '../tokens.js';
import { from, PAIR_REQUEST_TTL_MS, recordKey, type AccessContext } from './context.js';
import { AccessError } from './errors.js';
import { safeEqual } from './secrets.js';
import { isTokenShaped } from './sessions.js';
import { deviceView } from './views.js';

export interface PairRequestTicket {
  id: string;
  /** Shown on the TV, typed by the admin. */
  code: string;
  /** The TV's secret for polling (x-poll-token): whoever reads the code off the screen cannot collect the token. */
  pollToken: string;
  expiresAt: number;
}

export interface PairPoll {
  status: 'pending' | 'paired' | 'expired';
  /** Only on the first poll after pairing; never again. */
  deviceToken?: string;
}

export interface PairingArea {
  createPairRequest(ip?: string): Promise<PairRequestTicket>;
  pollPairRequest(id: string, pollToken: string): Promise<PairPoll>;
  pairDisplay(code: string, name: string, adminId: string, ip?: string): Promise<DeviceView>;
  listDevices(): Promise<DeviceView[]>;
  revokeDevice(id: string, adminId: string, ip?: string): Promise<DeviceView>;
}

/** Codes are random; a clash with one on screen now is possible but rare, so retry a few times. */
const CODE_ATTEMPTS = 8;

export function createPairing(ctx: AccessContext): PairingArea {
  const { store, clock, audit } = ctx;

  async function createPairRequest(ip?: string): Promise<PairRequestTicket> {
    const now = clock.now();
    // Anonymous requests pile up (a TV makes a new one every ten minutes): sweep here.
    await store.pairRequests.prune(now);
    let code = pairingCode();
    for (let i = 1; i < CODE_ATTEMPTS && (await store.pairRequests.byCode(code, now)) !== null; i++) code = pairingCode();
    if ((await store.pairRequests.byCode(code, now)) !== null) throw new Error('no free pairing code');
    const pollToken = randomToken();
    const ticket = { id: newId('pair'), code, pollToken, expiresAt: now + PAIR_REQUEST_TTL_MS };
    await store.pairRequests.create({
      id: ticket.id, code, pollTokenHash: sha256Hex(pollToken), createdAt: now, expiresAt: ticket.expiresAt,
      ...(ip !== undefined && { ip }),
    });
    return ticket;
  }

  async function pollPairRequest(id: string, pollToken: string): Promise<PairPoll> {
    // An unknown id and a wrong poll token look like an expired request: the TV starts over.
    if (!isTokenShaped(id) || !isTokenShaped(pollToken)) return { status: 'expired' };
    return ctx.serial(recordKey.pair(id), async () => {
      const request = await store.pairRequests.get(id);
      if (!request || !safeEqual(sha256Hex(pollToken), request.pollTokenHash)) return { status: 'expired' };
      if (request.deviceId !== undefined) {
        if (request.deviceToken === undefined) return { status: 'paired' };
        // Delivered once: cleared before it is returned, under the request's queue.
        const { deviceToken, ...rest } = request;
        await store.pairRequests.update(rest);
        return { status: 'paired', deviceToken };
      }
      return request.expiresAt > clock.now() ? { status: 'pending' } : { status: 'expired' };
    });
  }

  async function pairDisplay(code: string, name: string, adminId: string, ip?: string): Promise<DeviceView> {
    const now = clock.now();
    const found = await store.pairRequests.byCode(code.trim().toUpperCase(), now);
    if (!found) throw new AccessError('not-found', PROBLEMS.pairCodeUnknown, 'code', 'pairCodeUnknown');
    return ctx.serial(recordKey.pair(found.id), async () => {
      const request = await store.pairRequests.get(found.id);
      if (!request || request.expiresAt <= now) throw new AccessError('not-found', PROBLEMS.pairCodeUnknown, 'code', 'pairCodeUnknown');
      if (request.deviceId !== undefined) throw new AccessError('conflict', PROBLEMS.displayAlreadyPaired, 'code', 'displayAlreadyPaired');
      const deviceToken = randomToken();
      const device = { id: newId('dev'), name, tokenHash: sha256Hex(deviceToken), createdAt: now, createdBy: adminId };
      await store.devices.create(device);
      // The TV gets a fresh ten minutes to collect its token, whenever in its window it was paired.
      await store.pairRequests.update({ ...request, deviceId: device.id, deviceToken, expiresAt: now + PAIR_REQUEST_TTL_MS });
      await audit.record({
        actor: adminId, action: 'display-paired', target: device.id, ...from(ip),
        detail: { name, pairedFrom: request.ip ?? null },
      });
      return deviceView(device);
    });
  }

  async function listDevices(): Promise<DeviceView[]> {
    return (await store.devices.list()).map(deviceView);
  }

  async function revokeDevice(id: string, adminId: string, ip?: string): Promise<DeviceView> {
    return ctx.serial(recordKey.device(id), async () => {
      const device = await store.devices.get(id);
      if (!device) throw new AccessError('not-found', 'no such display', 'id');
      if (device.revokedAt !== undefined) return deviceView(device);
      const revoked = { ...device, revokedAt: clock.now() };
      await store.devices.update(revoked);
      ctx.revocations.emit({ kind: 'device', id });
      await audit.record({ actor: adminId, action: 'display-revoked', target: id, ...from(ip), detail: { name: device.name } });
      return deviceView(revoked);
    });
  }

  return { createPairRequest, pollPairRequest, pairDisplay, listDevices, revokeDevice };
}
