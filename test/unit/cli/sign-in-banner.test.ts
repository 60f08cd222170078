/**
 * The sign-in banner says what the code does with the first start's one-time password
 * file: it stays while that password still signs in (a restart says so, and where), and
 * the first start after the administrator changed it removes it (so deleting it by hand
 * is optional).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInHelp } from '../../../server/access/first-start.js';

let dir: string;
let db: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-banner-'));
  db = path.join(dir, 'floor.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const URL = 'http://127.0.0.1:8080';

describe('the sign-in banner', () => {
  it('first start, password in a file: says the next start after the change removes it', () => {
    const banner = signInHelp(URL, { created: true, oneTimePassword: 'x' }, { db }, `${db}.admin-password`);
    expect(banner).toContain(`Its one-time password is in ${db}.admin-password`);
    expect(banner).toContain('the first start after the password is changed removes it');
  });

  it('a restart before the administrator chose a password names the file still holding it', () => {
    fs.writeFileSync(`${db}.admin-password`, 'one-time\n');
    const banner = signInHelp(URL, { created: false }, { db });
    expect(banner).toContain('Sign in with your account.');
    expect(banner).toContain(`still in ${db}.admin-password`);
    expect(banner).toContain('the first start after that removes the file');
  });

  it('a restart once the file is gone says nothing of it', () => {
    const banner = signInHelp(URL, { created: false }, { db });
    expect(banner).not.toContain('admin-password');
    expect(signInHelp(URL, { created: false }, { db: ':memory:' })).not.toContain('admin-password');
  });
});
