/**
 * A real floor (memory storage, default rules, no reorder window) behind the real
 * HTTP/socket.io application, serving the built client, on a clock the test moves.
 */
import { stubAccess } from '../helpers/stub-access.js';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApplication, type Application } from '../../server/app.js';
import { Floor } from '../../server/floor/floor.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { IngestResult } from '../../shared/ingest.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';

export interface FloorServer {
  base: string;
  floor: Floor;
  /** Events stamped `seconds` after t0, as ISO strings the way a feed sends them. */
  at(seconds: number): string;
  post(events: unknown[]): Promise<IngestResult>;
  /** Moves the clock to t0 + seconds and lets the floor catch up and send its delta. */
  advanceTo(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/** `demo` marks the floor as simulator-fed, as `npm start` does, without running the simulator. */
export async function startFloorServer(t0: number, staticDir: string, options: { demo?: boolean } = {}): Promise<FloorServer> {
  let time = t0;
  const clock = { now: () => time };
  const floor = await Floor.open({
    storage: createMemoryStorage(), clock, rules: defaultRulesConfig(), reorderWindowMs: 0, demo: options.demo ?? false,
  });
  const application: Application = createApplication({ floor, logger: pino({ level: 'silent' }), staticDir, access: stubAccess().edge });
  await new Promise<void>((resolve) => application.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(application.httpServer.address() as AddressInfo).port}`;

  return {
    base,
    floor,
    at: (seconds) => new Date(t0 + seconds * 1000).toISOString(),
    async post(events) {
      const res = await fetch(`${base}/api/v1/events`, {
        method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json' },
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as IngestResult;
    },
    async advanceTo(seconds) {
      time = t0 + seconds * 1000;
      await floor.tick();
      floor.flush();
    },
    async close() {
      await application.close();
      await floor.close();
    },
  };
}
