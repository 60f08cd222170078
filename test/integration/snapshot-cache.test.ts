/**
 * Screens that connect together share one build of the floor's snapshot (a reconnect
 * storm after a restart must not build a 50,000-agent snapshot per screen); the next
 * delta makes the next one fresh, and each screen's copy says when it was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorSnapshot } from '../../shared/wallboard.js';
import { T0 } from '../helpers/engine-harness.js';
import { pairedTvToken, startSecuredFloor, wallboard, type SecuredFloor, type Wallboard } from '../helpers/secured-floor.js';
import { once } from './once.js';

let s: SecuredFloor;
let deviceToken: string;
let builds = 0;
const sockets: Wallboard[] = [];

beforeAll(async () => {
  s = await startSecuredFloor();
  deviceToken = await pairedTvToken(s.access);
  const build = s.floor.snapshot.bind(s.floor);
  s.floor.snapshot = () => {
    builds += 1;
    return build();
  };
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await s.close();
});

async function connectTvs(n: number): Promise<FloorSnapshot[]> {
  const tvs = Array.from({ length: n }, () => wallboard(s.base, { deviceToken }));
  sockets.push(...tvs);
  return Promise.all(tvs.map((tv) => once<FloorSnapshot>(tv, 'snapshot')));
}

describe('the snapshot screens get on connect', () => {
  it('is built once for screens connecting together, and again after a delta', async () => {
    const first = await connectTvs(3);
    expect(builds).toBe(1);
    expect(new Set(first.map((x) => x.seq)).size).toBe(1);

    const res = await fetch(`${s.base}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.feedToken}` },
      body: JSON.stringify([{ id: 'l1', type: 'agent.login', ts: T0, agentId: '1001', stationId: 'S-1', teamId: 'A' }]),
    });
    expect(res.status).toBe(200);
    s.clock.advance(1000);
    await s.floor.tick(); // the status delta: what was built before it is out of date
    const [after] = await connectTvs(1);
    expect(builds).toBe(2);
    expect(after!.seq).toBeGreaterThan(first[0]!.seq);
    expect(after!.agents.map((a) => a.agentId)).toEqual(['1001']);
  });
});
