/**
 * Passwords (policy article 100: no initial or simple passwords, changed regularly):
 * scrypt hashing, verification, the rules a new password must meet, and the one-time
 * password the first administrator signs in with. How often a password must change is
 * the caller's rule (passwordChangedAt on the account); reuse is refused here.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { randomString } from './tokens.js';
import { MIN_PASSWORD_LENGTH, PASSWORD_PROBLEMS, type PasswordProblemCode } from '../../shared/password-problems.js';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. Memory used is about 128 * N * r bytes. */
  N: number;
  r: number;
  p: number;
}

/** 2^15 with r = 8 is 32 MiB and about 100-150 ms per hash here: slow for a guesser, fine for a sign-in. */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
/** For tests only: the same algorithm at 1/32 of the cost. */
export const FAST_TEST_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Bounds on parameters read back from a stored hash: a corrupt (or planted) encoding
 * must not make verify allocate gigabytes or spin for minutes.
 */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** `scrypt$N$r$p$saltB64$hashB64`, a fresh random salt each time. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (!validParams(params)) {
    throw new RangeError(`scrypt parameters out of range: N=${params.N} r=${params.r} p=${params.p}`);
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await deriveKey(password, salt, KEY_BYTES, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** True only when `password` matches; a malformed or unreadable encoding is simply false. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  try {
    const parsed = parseEncoded(encoded);
    if (parsed === null) return false;
    const candidate = await deriveKey(password, parsed.salt, parsed.hash.length, parsed.params);
    // Constant time, so how much of a guess was right cannot be read off the response time.
    return timingSafeEqual(candidate, parsed.hash);
  } catch {
    return false;
  }
}

export interface PasswordContext {
  username: string;
  name?: string;
  /** Hashes of the account's earlier passwords (the current one included), to refuse reuse. */
  previousHashes?: string[];
  /** The one-time password the account was created with, while it still has it. */
  initialPassword?: string;
}

/** zxcvbn scores 0-4; 3 is "safely unguessable: moderate protection from offline attack". */
const MIN_ZXCVBN_SCORE = 3;

/** The sentences this module says (shared, so the page can say them in its reader's language). */
export const PASSWORD_MESSAGES = PASSWORD_PROBLEMS;

/** Our sentence for a zxcvbn warning key, if we have one. */
function zxcvbnWarning(warning: string): string | undefined {
  const code = `zxcvbn.${warning}`;
  return code in PASSWORD_PROBLEMS ? PASSWORD_PROBLEMS[code as PasswordProblemCode] : undefined;
}

/**
 * Why `password` may not be used, as sentences for the user; empty when it is acceptable.
 * Every rule is checked, so the user sees all the problems at once.
 */
export async function passwordProblems(password: string, context: PasswordContext): Promise<string[]> {
  const problems: string[] = [];
  const normalised = password.normalize('NFKC');
  if ([...normalised].length < MIN_PASSWORD_LENGTH) problems.push(PASSWORD_MESSAGES.tooShort);

  if (context.initialPassword !== undefined && normalised === context.initialPassword.normalize('NFKC')) {
    problems.push(PASSWORD_MESSAGES.initial);
  }

  const lower = normalised.toLowerCase();
  const username = context.username.trim().toLowerCase();
  const usesUsername = username.length > 0 && lower.includes(username);
  if (usesUsername) problems.push(PASSWORD_MESSAGES.username);
  const usesName = nameVariants(context.name).some((variant) => lower.includes(variant));
  if (usesName) problems.push(PASSWORD_MESSAGES.name);

  const userInputs = [context.username, context.name ?? ''].map((input) => input.trim()).filter((input) => input !== '');
  const strength = (await zxcvbn()).check(normalised, userInputs);
  if (strength.score < MIN_ZXCVBN_SCORE) {
    const warning = strength.feedback.warning;
    // The name and username rules already said this more precisely.
    const alreadySaid = warning === 'userInputs' && (usesUsername || usesName);
    if (!alreadySaid) problems.push((warning && zxcvbnWarning(warning)) || PASSWORD_MESSAGES.weak);
  }

  const previous = context.previousHashes ?? [];
  // scrypt runs on libuv's thread pool, so the checks overlap instead of queueing.
  const matches = await Promise.all(previous.map((encoded) => verifyPassword(password, encoded)));
  if (matches.some(Boolean)) problems.push(PASSWORD_MESSAGES.reused);

  return problems;
}

/** No 0/O, 1/l/I: the first admin copies it from a terminal, maybe onto paper. */
const ONE_TIME_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const ONE_TIME_LENGTH = 16;

/** 16 characters (about 93 bits) for the first admin; it must be changed at first sign-in. */
export function generateOneTimePassword(): string {
  return randomString(ONE_TIME_ALPHABET, ONE_TIME_LENGTH);
}

/**
 * The full name, the name without spaces, and each part of four letters or more
 * ("Carla Mendes" -> "carla mendes", "carlamendes", "carla", "mendes"). Shorter parts
 * ("Li", "Ng") are left to zxcvbn: refusing every password containing them would be noise.
 */
function nameVariants(name: string | undefined): string[] {
  const full = (name ?? '').trim().toLowerCase().normalize('NFKC');
  if (full === '') return [];
  const parts = full.split(/[\s.,'-]+/).filter((part) => [...part].length >= 4);
  return [...new Set([full, full.replace(/\s+/g, ''), ...parts])].filter((variant) => variant.length >= 3);
}

/**
 * Loaded and built on first use: loading the common-password dictionaries took about 80 ms
 * of every start (the server's, and every CLI command's), and ranking them tens more, for
 * a check made only when someone sets a password.
 */
let factory: Promise<ZxcvbnFactory> | undefined;
function zxcvbn(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')])
    .then(([core, common]) => new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));
  // A load that failed is tried again by the next check, not remembered as failed.
  factory.catch(() => { factory = undefined; });
  return factory;
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECIMAL = /^[1-9][0-9]{0,9}$/;

function parseEncoded(encoded: unknown): ParsedHash | null {
  if (typeof encoded !== 'string') return null;
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, hash] = parts;
  if (![n, r, p].every((part) => DECIMAL.test(part))) return null;
  if (!BASE64.test(salt) || !BASE64.test(hash)) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!validParams(params)) return null;
  const saltBytes = Buffer.from(salt, 'base64');
  const hashBytes = Buffer.from(hash, 'base64');
  if (saltBytes.length < 8 || hashBytes.length < 16 || hashBytes.length > 64) return null;
  return { params, salt: saltBytes, hash: hashBytes };
}

function validParams({ N, r, p }: ScryptParams): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= MAX_N && (N & (N - 1)) === 0;
  return powerOfTwo && Number.isInteger(r) && r >= 1 && r <= MAX_R && Number.isInteger(p) && p >= 1 && p <= MAX_P;
}

function deriveKey(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // OpenSSL needs 128 * r * (N + p + 2) bytes; node's default cap (32 MiB) is just
    // under what the default parameters need, so the cap is raised to fit, with slack.
    maxmem: 128 * params.r * (params.N + params.p + 2) + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}
