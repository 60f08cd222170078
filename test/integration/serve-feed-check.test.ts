/**
 * A mistyped `--feed` stops `serve` before anything is made: the first start's admin
 * account and its one-time password are made only by a start that goes on to serve.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFailing } from './cli-run.js';

describe('serve with a bad feed or callback URL', () => {
  it.each([
    ['asterisk-ami://pbx.example:5038', /asterisk-ami: the url has no user/],
    ['queue-lg:///var/log/asterisk/queue_log', /--feed: unknown feed "queue-lg:"/],
    ['queue-log://relative/path', /queue-log:\/\/\/absolute\/path/],
  ])('%s: refused with the reason, before the database or the admin account exist', async (feed, reason) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-feed-check-'));
    const db = path.join(dir, 'floor.db');
    const failed = await cliFailing('serve', '--db', db, '--port', '0', '--no-rules', '--feed', feed);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(reason);
    expect(`${failed.stdout}${failed.stderr}`).not.toMatch(/administrator|one-time/i);
    expect(fs.existsSync(db)).toBe(false);
  }, 30_000);

  it('a --public-url that is not an http(s) URL is refused the same way', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-feed-check-'));
    const db = path.join(dir, 'floor.db');
    const failed = await cliFailing('serve', '--db', db, '--port', '0', '--public-url', 'pbx.example/hooks');
    expect(failed.stderr).toMatch(/--public-url .*expected an http:\/\/ or https:\/\/ URL/);
    expect(fs.existsSync(db)).toBe(false);
  }, 30_000);

  it('an --agent-ids file that is not names to ids is refused, naming the entry, before anything is made', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-feed-check-'));
    const db = path.join(dir, 'floor.db');
    const ids = path.join(dir, 'agent-ids.yaml');
    fs.writeFileSync(ids, 'Alice Tan: ""\n');
    const failed = await cliFailing('serve', '--db', db, '--port', '0', '--no-rules', '--agent-ids', ids);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/agent ids file .*agent-ids\.yaml was refused: "Alice Tan": must not be empty/);
    expect(fs.existsSync(db)).toBe(false);
  }, 30_000);

  it('a Twilio auth token without --public-url is refused: Twilio signs the URL it calls', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-feed-check-'));
    const db = path.join(dir, 'floor.db');
    const failed = await cliFailing('serve', '--db', db, '--port', '0', '--no-rules', '--twilio-auth-token', 'not-a-real-token');
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/--twilio-auth-token .*needs --public-url .*signs each callback/);
    expect(failed.stderr).not.toContain('not-a-real-token');
    expect(fs.existsSync(db)).toBe(false);
  }, 30_000);
});
