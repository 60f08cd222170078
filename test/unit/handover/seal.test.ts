/**
 * The prefill seal (server/handover/seal.ts): its key is the database's, so a token made
 * before a restart (a new seal on the key read again from the same file) is honoured;
 * a token too old, altered, for another handover or made with another database's key is
 * not, and neither kind of token made with that key (prefill, acknowledge link) passes for
 * the other.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoverPrefill } from '../../../shared/handover.js';
import { PREFILL_MAX_AGE_MS, createPrefillSeal } from '../../../server/handover/seal.js';
import { readAckToken, signAckToken } from '../../../server/notify/ack/token.js';
import { readDatabaseKey } from '../../../server/notify/store/open.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { makeHandover } from './fixtures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-seal-'));
  dirs.push(dir);
  return path.join(dir, 'floor.db');
};

const T0 = Date.UTC(2025, 2, 3, 11, 50);
const ID = 'handover-a';
const PREFILL: HandoverPrefill = { ...makeHandover(T0 + 600_000, ['T1']).prefill, asOf: T0 };

describe('the prefill seal', () => {
  it('is honoured after a restart: a new seal on the key read again from the same database', () => {
    const file = tempDb();
    const clock = new FakeClock(T0);
    const token = createPrefillSeal(readDatabaseKey(file), clock).seal(ID, PREFILL);

    const restarted = createPrefillSeal(readDatabaseKey(file), clock);
    expect(restarted.open(ID, token)).toEqual(PREFILL);
    // Another database's key (another floor's, or a fresh file) does not honour it.
    expect(readDatabaseKey(tempDb())).not.toBe(readDatabaseKey(file));
    expect(createPrefillSeal(readDatabaseKey(tempDb()), clock).open(ID, token)).toBeUndefined();
  });

  it(`is honoured for ${PREFILL_MAX_AGE_MS / 3_600_000} hours by the clock, not after`, () => {
    const clock = new FakeClock(T0);
    const seal = createPrefillSeal('k'.repeat(64), clock);
    const token = seal.seal(ID, PREFILL);
    clock.advance(PREFILL_MAX_AGE_MS);
    expect(seal.open(ID, token)).toEqual(PREFILL);
    clock.advance(1);
    expect(seal.open(ID, token)).toBeUndefined();
    // The age is the seal's own time, not the prefill's asOf: a fresh seal of an old prefill is honoured.
    expect(seal.open(ID, seal.seal(ID, PREFILL))).toEqual(PREFILL);
  });

  it('is not honoured altered, truncated, for another handover, or made up', () => {
    const clock = new FakeClock(T0);
    const seal = createPrefillSeal('k'.repeat(64), clock);
    const token = seal.seal(ID, PREFILL);
    const [body, mac] = token.split('.');
    const sealed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const reencode = (value: unknown) => `${Buffer.from(JSON.stringify(value)).toString('base64url')}.${mac}`;

    expect(seal.open(ID, reencode(sealed))).toEqual(PREFILL); // the control: re-encoding alone changes nothing
    expect(seal.open(ID, reencode({ ...sealed, prefill: { ...PREFILL, alertsOpened: 9 } }))).toBeUndefined();
    expect(seal.open(ID, reencode({ ...sealed, at: T0 + 3_600_000 }))).toBeUndefined();
    const flipped = Buffer.from(mac, 'base64url');
    flipped[0] ^= 1;
    expect(seal.open(ID, `${body}.${flipped.toString('base64url')}`)).toBeUndefined();
    expect(seal.open(ID, `${body}.${mac.slice(0, -2)}`)).toBeUndefined();
    expect(seal.open(ID, body)).toBeUndefined();
    expect(seal.open(ID, 'not-a-token')).toBeUndefined();
    expect(seal.open('handover-b', token)).toBeUndefined();
  });

  it('and an acknowledge link made with the same key do not pass for each other', () => {
    const key = readDatabaseKey(tempDb());
    const seal = createPrefillSeal(key, new FakeClock(T0));
    const link = signAckToken(key, { delivery: ID, alertId: 'al-1', account: 'lead.wang', expiresAt: T0 + 3_600_000 });
    expect(readAckToken(key, link)).toBeDefined();
    expect(seal.open(ID, link)).toBeUndefined();
    const token = seal.seal(ID, PREFILL);
    expect(readAckToken(key, token)).toBeUndefined();
    // The body MACed as an acknowledge link's payload is (no domain prefix) is not a seal.
    const [body] = token.split('.');
    expect(seal.open(ID, `${body}.${createHmac('sha256', key).update(body, 'utf8').digest('base64url')}`)).toBeUndefined();
  });
});
