/**
 * The whole server in-process, access control included, as `serve` builds it but over
 * memory stores and a fake clock: for tests of who sees and does what. With the steps
 * those tests share: people made and signed in through the admin API, a paired TV, and
 * reading an answer's status and JSON.
 */
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { Role } from '../../shared/access.js';
import type { WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createApplication, type Application } from '../../server/app.js';
import { createAccessEdge } from '../../server/access/edge.js';
import { createMemoryAccessStore } from '../../server/access/memory-store.js';
import { FAST_TEST_PARAMS } from '../../server/access/passwords.js';
import { createAccessService, type AccessService } from '../../server/access/service/access-service.js';
import { Floor } from '../../server/floor/floor.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { Browser } from '../integration/access/access-server.js';
import { T0 } from './engine-harness.js';
import { FakeClock } from './fake-clock.js';

export type Wallboard = Socket<WallboardServerToClient, WallboardClientToServer>;

export const INITIAL_ADMIN = 'initial-admin-password-xyz';
export const STRONG = 'Copper kettle 93 over the bridge';

export interface SecuredFloor {
  base: string;
  floor: Floor;
  clock: FakeClock;
  access: AccessService;
  app: Application;
  feedToken: string;
  close(): Promise<void>;
}

export async function startSecuredFloor(): Promise<SecuredFloor> {
  const clock = new FakeClock(T0);
  const logger = pino({ level: 'silent' });
  const floor = await Floor.open({ storage: createMemoryStorage(), clock, rules: defaultRulesConfig(), reorderWindowMs: 0 });
  const access = createAccessService({ store: createMemoryAccessStore(), clock, logger, passwordParams: FAST_TEST_PARAMS });
  await access.bootstrapAdmin({ envPassword: INITIAL_ADMIN });
  const app = createApplication({ floor, logger, access: createAccessEdge(access, logger, false) });
  await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  const { token } = await access.createFeedToken('test feed', 'setup');
  return {
    base, floor, clock, access, app, feedToken: token,
    close: async () => {
      await app.close();
      await floor.close();
    },
  };
}

/** Signs a person in through the HTTP API, changing the one-time password first. */
export async function signIn(base: string, username: string, initial: string): Promise<Browser> {
  const b = new Browser(base);
  const first = await b.call('POST', '/api/v1/session', { body: { username, password: initial } });
  if (first.status !== 200) throw new Error(`sign-in ${username}: ${first.status}`);
  const changed = await b.call('POST', '/api/v1/session/password', { csrf: true, body: { currentPassword: initial, newPassword: STRONG } });
  if (changed.status !== 200) throw new Error(`password ${username}: ${changed.status} ${await changed.text()}`);
  return b;
}

/** A wallboard socket with this browser's cookies, or a TV's device token. */
export function wallboard(base: string, how: { browser?: Browser; deviceToken?: string; teams?: unknown }): Wallboard {
  const cookie = how.browser ? [...how.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  return connect(`${base}/wallboard`, {
    transports: ['websocket'],
    reconnection: false,
    ...(cookie !== undefined && { extraHeaders: { cookie } }),
    auth: {
      ...(how.deviceToken !== undefined && { deviceToken: how.deviceToken }),
      ...(how.teams !== undefined && { teams: how.teams }),
    },
  });
}

/** Creates an account through the admin's HTTP API and signs it in (its one-time password changed). */
export async function addPerson(admin: Browser, base: string, username: string, role: Exclude<Role, 'display'>, teams: string[] = []): Promise<Browser> {
  const res = await admin.call('POST', '/api/v1/accounts', { csrf: true, body: { username, name: username, role, teams } });
  if (res.status !== 201) throw new Error(`account ${username}: ${res.status} ${await res.text()}`);
  const { oneTimePassword } = (await res.json()) as { oneTimePassword: string };
  return signIn(base, username, oneTimePassword);
}

/** A seating-area TV paired by the admin: its device token. */
export async function pairedTvToken(access: AccessService): Promise<string> {
  const pair = await access.createPairRequest();
  const adminId = (await access.listAccounts()).find((a) => a.username === 'admin')!.id;
  await access.pairDisplay(pair.code, 'Seating area TV', adminId);
  return (await access.pollPairRequest(pair.id, pair.pollToken)).deviceToken!;
}

/** The answer's JSON, after checking its status (the body shown when the status is wrong). */
export async function expectJson<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** A browser's JSON POST, with its CSRF header. */
export function postAs(b: Browser, path: string, payload: unknown): Promise<Response> {
  return b.call('POST', path, { csrf: true, body: payload });
}
