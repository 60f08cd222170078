/**
 * `floorwatch` as a command: package.json's `bin` names the built CLI, which starts with a
 * node shebang, and `npm run build` leaves it executable (tsc writes it 0644, so a symlink
 * into /usr/local/bin, or `npm link`, gave "permission denied"). The build's own step is
 * run here on a stand-in file, so the test needs no build.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

describe('the floorwatch command', () => {
  it('package.json names the built CLI, whose source starts with a node shebang', () => {
    expect(pkg.bin).toEqual({ floorwatch: 'dist/server/cli/floorwatch.js' });
    expect(fs.readFileSync(path.join(ROOT, 'server/cli/floorwatch.ts'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('build:server makes the built CLI executable by whoever may read it', () => {
    const [compile, ...after] = pkg.scripts['build:server'].split(' && ');
    expect(compile).toBe('tsc -p tsconfig.json');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-bin-'));
    const cli = path.join(dir, pkg.bin.floorwatch);
    fs.mkdirSync(path.dirname(cli), { recursive: true });
    for (const [before, wanted] of [[0o644, 0o755], [0o600, 0o700]]) {
      fs.writeFileSync(cli, '#!/usr/bin/env node\n');
      fs.chmodSync(cli, before);
      execSync(after.join(' && '), { cwd: dir });
      expect(fs.statSync(cli).mode & 0o777).toBe(wanted);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
