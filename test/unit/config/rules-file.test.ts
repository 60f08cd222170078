import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { loadRulesFile, parseRules, watchRulesFile } from '../../../server/config/rules-file.js';

describe('the rules file', () => {
  it('the shipped config/rules.yaml states exactly the defaults', () => {
    expect(loadRulesFile('config/rules.yaml')).toEqual(defaultRulesConfig());
  });

  it('fills what is left out with the policy defaults', () => {
    const rules = parseRules('rules:\n  answer-3-rings:\n    ringSeconds: 8\n', 'x.yaml');
    expect(rules.rules['answer-3-rings']).toMatchObject({ ringSeconds: 8, severity: 'warning', enabled: true });
    expect(rules.rules['hold-consent'].maxHoldSeconds).toBe(60);
  });

  it.each([
    ['rules:\n  greeting:\n    sevrity: info\n', 'rules.greeting: Unrecognized key: "sevrity"'],
    ['rules:\n  answer-3-rings:\n    ringSeconds: -1\n', 'rules.answer-3-rings.ringSeconds'],
    ['timezone: Mars/Olympus\n', 'timezone: unknown time zone "Mars/Olympus"'],
    ['rules: [\n', 'not valid YAML'],
  ])('refuses %j naming the problem', (text, message) => {
    expect(() => parseRules(text, 'rules.yaml')).toThrow(message);
  });

  it('reloads on change and refuses a broken edit, keeping the last good rules', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-rules-'));
    const file = path.join(dir, 'rules.yaml');
    fs.writeFileSync(file, 'rules: {}\n');
    const events: string[] = [];
    let resolveNext: () => void = () => {};
    const next = () => new Promise<void>((r) => { resolveNext = r; });
    const watcher = watchRulesFile(
      file,
      (rules) => { events.push(`ok ${rules.rules['answer-3-rings'].ringSeconds}`); resolveNext(); },
      (err) => { events.push(`refused ${err.message.includes('ringSeconds')}`); resolveNext(); },
      20,
    );
    try {
      let wait = next();
      fs.writeFileSync(file, 'rules:\n  answer-3-rings:\n    ringSeconds: 7\n');
      await wait;
      wait = next();
      fs.writeFileSync(file, 'rules:\n  answer-3-rings:\n    ringSeconds: soon\n');
      await wait;
      expect(events).toEqual(['ok 7', 'refused true']);
    } finally {
      watcher.close();
    }
  });
});
