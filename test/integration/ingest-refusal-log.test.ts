/**
 * Connecting a phone system, the engineer reads in the server's log why its events are
 * refused (the feed's answer says it too, but the PBX does not show it): a warning naming
 * the feed, the field and the reason, at most every 10 s per feed.
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, type Application } from '../../server/app.js';
import { stubAccess } from '../helpers/stub-access.js';
import { FakeFloor } from './fake-floor.js';

const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
let application: Application;
let base: string;

beforeAll(async () => {
  application = createApplication({ floor: new FakeFloor(), logger: pino({ level: 'info' }, sink), access: stubAccess().edge });
  await new Promise<void>((resolve) => application.httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(application.httpServer.address() as AddressInfo).port}`;
});
afterAll(() => application.close());

const post = (body: unknown) => fetch(`${base}/api/v1/events`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer feed' }, body: JSON.stringify(body),
});

describe('refused events in the server log', () => {
  it('warns naming the feed, the field and the reason; a second batch within 10 s adds no line', async () => {
    const secondsTs = { id: 'e1', type: 'agent.login', ts: 1_764_291_603, agentId: '1001', stationId: 'S-1' };
    expect((await post([secondsTs])).status).toBe(422);
    expect((await post([{ ...secondsTs, id: 'e2' }])).status).toBe(422);
    const warnings = lines.filter((l) => l.level === 40 && String(l.msg).startsWith('ingest:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ feed: 'test feed', rejected: 1, errors: [{ index: 0, field: 'ts', id: 'e1' }] });
    expect(warnings[0].msg).toContain('ts: 1764291603 looks like epoch seconds');
  });
});
