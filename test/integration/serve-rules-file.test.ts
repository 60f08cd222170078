/**
 * Which rules the server runs on is never a silent guess. A rules file named on purpose
 * (--rules, FLOORWATCH_RULES) that does not exist stops the start, naming it (it used to
 * start on the built-in defaults without a word); the default config/rules.yaml missing
 * (the server started from another directory) is a warning saying the built-in defaults
 * are in force; and the start log names the rules in force. Also the start's other
 * refusals and help, as an installer meets them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorwatchIn, logLines, serveIn } from './cli-anywhere.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

describe('serve and its rules file', () => {
  it('refuses a --rules file that does not exist, naming it, before the database is made', async () => {
    const dir = tmp('fw-rules-');
    const db = path.join(dir, 'floor.db');
    const missing = path.join(dir, 'missing-rules.yaml');
    const { code, stdout, stderr } = await floorwatchIn(ROOT, ['serve', '--port', '0', '--db', db, '--rules', missing]);
    expect(code).toBe(1);
    expect(stderr).toContain(`floorwatch: --rules: no such rules file: ${missing}`);
    expect(`${stdout}${stderr}`).not.toMatch(/one-time password|Floorwatch is serving/);
    expect(fs.existsSync(db)).toBe(false);
  }, 30_000);

  it('refuses a FLOORWATCH_RULES file that does not exist the same way, naming the variable', async () => {
    const dir = tmp('fw-rules-');
    const { code, stderr } = await floorwatchIn(ROOT, ['serve', '--port', '0', '--db', path.join(dir, 'floor.db')], { FLOORWATCH_RULES: 'conf/typo.yaml' });
    expect(code).toBe(1);
    expect(stderr).toContain(`floorwatch: FLOORWATCH_RULES: no such rules file: conf/typo.yaml (${path.join(ROOT, 'conf/typo.yaml')})`);
  }, 30_000);

  it('run from another directory, without the default config/rules.yaml: starts, warning that the built-in defaults are in force', async () => {
    const dir = tmp('fw-rules-elsewhere-');
    const server = await serveIn(dir, ['--db', path.join(dir, 'floor.db')]);
    try {
      const warning = logLines(server.stdout()).find((l) => l.msg.startsWith('rules:'));
      expect(warning?.level).toBe(40);
      expect(warning?.msg).toContain(`no config/rules.yaml in ${dir}; the built-in defaults are in force`);
      expect(warning?.rules).toBe('built-in defaults');
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('names the rules file in force in the start log; --no-rules says the built-in defaults', async () => {
    const dir = tmp('fw-rules-given-');
    const rules = path.join(dir, 'centre-rules.yaml');
    fs.copyFileSync(path.join(ROOT, 'config/rules.yaml'), rules);
    const server = await serveIn(dir, ['--db', path.join(dir, 'floor.db'), '--rules', 'centre-rules.yaml']);
    try {
      const said = logLines(server.stdout()).find((l) => l.msg.startsWith('rules:'));
      expect(said).toMatchObject({ level: 30, rules: rules, msg: `rules: ${rules}` });
    } finally {
      await server.stop();
    }
    const defaults = await serveIn(dir, ['--db', path.join(dir, 'other.db'), '--no-rules']);
    try {
      const said = logLines(defaults.stdout()).find((l) => l.msg.startsWith('rules:'));
      expect(said).toMatchObject({ level: 30, rules: 'built-in defaults' });
    } finally {
      await defaults.stop();
    }
  }, 90_000);
});

describe('serve: a feed that is not a URL, and the help', () => {
  it('says a --feed with no scheme as it was given, not cut short', async () => {
    const dir = tmp('fw-feed-');
    const { code, stderr } = await floorwatchIn(ROOT, ['serve', '--port', '0', '--db', path.join(dir, 'floor.db'), '--no-rules', '--feed', 'not a url']);
    expect(code).toBe(1);
    expect(stderr).toContain('--feed: "not a url" is not a feed URL (use asterisk-ami://');
    expect(stderr).not.toContain('not a ur:');
    expect(fs.existsSync(path.join(dir, 'floor.db'))).toBe(false);
  }, 30_000);

  it('serve --help: every feed kind, what --public-url is for, and PostgreSQL', async () => {
    const { stdout } = await floorwatchIn(ROOT, ['serve', '--help']);
    const help = stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--feed <url> .*freeswitch-esl:\/\//);
    expect(help).toMatch(/--public-url <url> .*links in notifications.*Secure/);
    expect(help).toMatch(/on embedded SQLite, or on PostgreSQL with --postgres/);
    expect(help).toMatch(/--no-rules/);
  }, 30_000);
});
