import { describe, expect, it } from 'vitest';
import { newId, pairingCode, randomToken, sha256Hex } from '../../../server/access/tokens.js';

describe('tokens', () => {
  it('randomToken: base64url of the given number of bytes, never repeated', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(Buffer.from(randomToken(48), 'base64url')).toHaveLength(48);
    expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
    expect(() => randomToken(8)).toThrow(RangeError);
  });

  it('sha256Hex: lower-case hex of the UTF-8 text', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('é')).toBe(sha256Hex('\u00e9'));
  });

  it('newId: prefix, underscore, 16 base32 characters', () => {
    expect(newId('acc')).toMatch(/^acc_[a-z2-7]{16}$/);
    expect(newId('acc_')).toMatch(/^acc_[a-z2-7]{16}$/);
    expect(new Set(Array.from({ length: 100 }, () => newId('dev'))).size).toBe(100);
  });

  it('pairingCode: six characters without 0/O or 1/I', () => {
    for (let i = 0; i < 200; i++) expect(pairingCode()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });
});
