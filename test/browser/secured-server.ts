/**
 * The application with the REAL access control, as `floorwatch serve` wires it (the
 * access service, its router, CSRF and viewer middleware, the first admin), but over the
 * memory access store with cheap password hashing, and a floor on the test's clock.
 * Sessions, lockouts and pairing codes run on real time: the browser lives in it too.
 */
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApplication } from '../../server/app.js';
import { createAccessEdge } from '../../server/access/edge.js';
import { createMemoryAccessStore } from '../../server/access/memory-store.js';
import { FAST_TEST_PARAMS } from '../../server/access/passwords.js';
import { createAccessService, type AccessService } from '../../server/access/service/access-service.js';
import { openTestFloor, type TestFloor } from './floor-server.js';

/** What FLOORWATCH_ADMIN_PASSWORD would be: the first admin's initial password. */
export const ADMIN_INITIAL_PASSWORD = 'first-start-password-for-the-browser';

export interface SecuredServer extends TestFloor {
  base: string;
  access: AccessService;
  close(): Promise<void>;
}

export async function startSecuredServer(t0: number, staticDir: string): Promise<SecuredServer> {
  const logger = pino({ level: 'silent' });
  const { floor, advanceTo } = await openTestFloor(t0);
  const access = createAccessService({
    store: createMemoryAccessStore(), clock: { now: () => Date.now() }, logger, passwordParams: FAST_TEST_PARAMS,
  });
  await access.bootstrapAdmin({ envPassword: ADMIN_INITIAL_PASSWORD });
  const application = createApplication({ floor, logger, staticDir, access: createAccessEdge(access, logger, false) });
  await new Promise<void>((resolve) => application.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(application.httpServer.address() as AddressInfo).port}`;
  return {
    base, floor, access, advanceTo,
    async close() {
      await application.close();
      await floor.close();
    },
  };
}
