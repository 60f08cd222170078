/**
 * A first start under a service manager: the output is a log (not a terminal), so the
 * one-time admin password is not printed into it but written beside the database,
 * readable by this user only; and everything the server creates (the data directory, the
 * database and its WAL) is private to the user it runs as.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { serveIn } from './cli-anywhere.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe('first start with its output in a log', () => {
  it('the one-time password goes to a 0600 file the banner names, not into the output; the files are private; the file goes once spent', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-first-start-'));
    const data = path.join(dir, 'data');
    const db = path.join(data, 'floor.db');
    let server = await serveIn(ROOT, ['--db', db, '--no-rules']);
    try {
      const file = `${db}.admin-password`;
      expect(server.stderr()).toContain(`Its one-time password is in ${file}`);
      const password = fs.readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(server.stdout() + server.stderr()).not.toContain(password);
      // The log stays one JSON object a line: the banner is not in it.
      expect(server.stdout().trim().split('\n').filter((line) => !line.startsWith('{'))).toEqual([]);
      expect(mode(file)).toBe(0o600);
      // It signs in (and must then be changed).
      const res = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }),
      });
      expect(res.status).toBe(200);
      expect(mode(data)).toBe(0o700);
      expect(mode(db)).toBe(0o600);
      expect(mode(`${db}-wal`)).toBe(0o600);

      // A restart before the password is changed keeps the file: it still signs in.
      await server.stop();
      server = await serveIn(ROOT, ['--db', db, '--no-rules']);
      expect(fs.existsSync(file)).toBe(true);

      // Once the admin has chosen a password, the next start removes the spent file, saying so.
      const signedIn = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }),
      });
      const { csrfToken } = await signedIn.json() as { csrfToken: string };
      const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const changed = await fetch(`${server.url}/api/v1/session/password`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ currentPassword: password, newPassword: 'Teal-Harbour-Lantern-9041-quietly' }),
      });
      expect(changed.status).toBe(200);
      expect(fs.existsSync(file)).toBe(true);
      await server.stop();
      server = await serveIn(ROOT, ['--db', db, '--no-rules']);
      expect(fs.existsSync(file)).toBe(false);
      // The log (stdout) and the banner (stderr) are two pipes: the line may arrive after the banner did.
      const said = server;
      await vi.waitFor(() => expect(said.stdout()).toContain('removed the first start\'s one-time password file: the administrator\'s password has changed since'), { timeout: 10_000 });
    } finally {
      await server.stop();
    }
  }, 90_000);
});
