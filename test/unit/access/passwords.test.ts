import { describe, expect, it } from 'vitest';
import {
  FAST_TEST_PARAMS, PASSWORD_MESSAGES, generateOneTimePassword, hashPassword, passwordProblems, verifyPassword,
} from '../../../server/access/passwords.js';

const STRONG = 'tangerine kayak orbit 47';
const carla = { username: 'carla.mendes', name: 'Carla Mendes' };

describe('hashPassword / verifyPassword', () => {
  it('round-trips, and a wrong password does not verify', async () => {
    const encoded = await hashPassword(STRONG, FAST_TEST_PARAMS);
    expect(encoded).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(await verifyPassword(STRONG, encoded)).toBe(true);
    expect(await verifyPassword('tangerine kayak orbit 48', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('salts every hash, so the same password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword(STRONG, FAST_TEST_PARAMS), hashPassword(STRONG, FAST_TEST_PARAMS)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(STRONG, b)).toBe(true);
  });

  it('uses N = 2^15, r = 8, p = 1 by default (within its raised memory cap)', async () => {
    const encoded = await hashPassword(STRONG);
    expect(encoded.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword(STRONG, encoded)).toBe(true);
  });

  it('treats the composed and decomposed forms of an accented password as the same', async () => {
    const encoded = await hashPassword('crème brûlée kayak 7', FAST_TEST_PARAMS);
    expect(await verifyPassword('cre\u0300me bru\u0302le\u0301e kayak 7', encoded)).toBe(true);
  });

  it('refuses parameters it would not accept back', async () => {
    await expect(hashPassword(STRONG, { N: 1000, r: 8, p: 1 })).rejects.toThrow(RangeError);
    await expect(hashPassword(STRONG, { N: 2 ** 30, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });

  it('returns false, never throws, for malformed encodings', async () => {
    const good = await hashPassword(STRONG, FAST_TEST_PARAMS);
    const [, , , , salt, hash] = good.split('$');
    const malformed = [
      '',
      'scrypt',
      'plaintext',
      'bcrypt$1024$8$1$' + salt + '$' + hash,
      `scrypt$1024$8$1$${salt}`,
      `scrypt$1024$8$1$${salt}$${hash}$extra`,
      `scrypt$1000$8$1$${salt}$${hash}`,          // N not a power of two
      `scrypt$1073741824$8$1$${salt}$${hash}`,    // N absurdly large: refused, not attempted
      `scrypt$1024$0$1$${salt}$${hash}`,
      `scrypt$1024$8$-1$${salt}$${hash}`,
      `scrypt$01024$8$1$${salt}$${hash}`,
      `scrypt$1024$8$1$not base64!$${hash}`,
      `scrypt$1024$8$1$${salt}$`,
      `scrypt$1024$8$1$${salt}$${hash.slice(0, 8)}`, // truncated hash
      `scrypt$1024$8$1$${salt}$${'A'.repeat(200)}`,  // hash too long
    ];
    for (const encoded of malformed) expect(await verifyPassword(STRONG, encoded), encoded).toBe(false);
    expect(await verifyPassword(STRONG, undefined as unknown as string)).toBe(false);
    expect(await verifyPassword(STRONG, 42 as unknown as string)).toBe(false);
  });
});

describe('passwordProblems', () => {
  it('accepts a long, uncommon passphrase', async () => {
    const previous = await hashPassword('an older passphrase 12', FAST_TEST_PARAMS);
    expect(await passwordProblems(STRONG, { ...carla, previousHashes: [previous], initialPassword: 'Xk7pQm2nRt4vWy9z' }))
      .toEqual([]);
    expect(await passwordProblems('kettle lantern harbour', { username: 'jdoe' })).toEqual([]);
  });

  it('refuses fewer than 10 characters', async () => {
    expect(await passwordProblems('k7#Lq9!z', { username: 'jdoe' })).toContain(PASSWORD_MESSAGES.tooShort);
    expect(PASSWORD_MESSAGES.tooShort).toBe('Use at least 10 characters.');
  });

  it('refuses common and simple passwords, with zxcvbn’s reason', async () => {
    const common = await passwordProblems('password123456', { username: 'jdoe' });
    expect(common).toEqual(['This is too close to a commonly used password. Choose another.']);
    const qwerty = await passwordProblems('Qwerty123456', { username: 'jdoe' });
    expect(qwerty).toEqual(['This is a commonly used password. Choose another.']);
    expect(await passwordProblems('aaaaaaaaaaaa', { username: 'jdoe' })).toEqual([
      'Repeated characters like "aaa" are easy to guess. Avoid repeats.',
    ]);
    expect(await passwordProblems('abcdefghijkl', { username: 'jdoe' })).toEqual([
      'Sequences like "abc" or "1234" are easy to guess. Avoid them.',
    ]);
  });

  it('refuses a password equal to or containing the username, in any case', async () => {
    expect(await passwordProblems('carla.mendes', carla)).toContain(PASSWORD_MESSAGES.username);
    expect(await passwordProblems('Kettle-CARLA.MENDES-lantern', carla)).toContain(PASSWORD_MESSAGES.username);
  });

  it('refuses a password containing the name, whole or in parts', async () => {
    expect(await passwordProblems('Carla Mendes', { ...carla, username: 'cm7' })).toContain(PASSWORD_MESSAGES.name);
    expect(await passwordProblems('carlamendes kettle 9', { ...carla, username: 'cm7' })).toContain(PASSWORD_MESSAGES.name);
    expect(await passwordProblems('mendes kettle lantern', { ...carla, username: 'cm7' })).toEqual([PASSWORD_MESSAGES.name]);
  });

  it('refuses the one-time password the account was given', async () => {
    const initial = generateOneTimePassword();
    expect(await passwordProblems(initial, { username: 'admin', initialPassword: initial })).toContain(PASSWORD_MESSAGES.initial);
  });

  it('refuses a password used before', async () => {
    const previousHashes = await Promise.all(
      ['an older passphrase 12', STRONG].map((password) => hashPassword(password, FAST_TEST_PARAMS)));
    expect(await passwordProblems(STRONG, { ...carla, previousHashes })).toEqual([PASSWORD_MESSAGES.reused]);
    // An unreadable old hash is not a match, and not an error.
    expect(await passwordProblems(STRONG, { ...carla, previousHashes: ['garbage'] })).toEqual([]);
  });

  it('lists every problem at once, each a short sentence', async () => {
    const problems = await passwordProblems('carla', { username: 'carla', name: 'Carla Mendes' });
    expect(problems).toEqual(expect.arrayContaining(
      [PASSWORD_MESSAGES.tooShort, PASSWORD_MESSAGES.username, PASSWORD_MESSAGES.name]));
    for (const problem of problems) expect(problem).toMatch(/^[A-Z].{5,80}\.$/);
  });
});

describe('generateOneTimePassword', () => {
  it('is 16 unambiguous characters, different every time', () => {
    const passwords = new Set(Array.from({ length: 200 }, generateOneTimePassword));
    expect(passwords.size).toBe(200);
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{16}$/);
  });
});
