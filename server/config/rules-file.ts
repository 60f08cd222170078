/**
 * The rules file: YAML, validated against the shared schema at start and on every change.
 * A file that does not validate is refused with a message naming the problem, and the
 * rules in force stay in force.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { rulesConfigSchema, type RulesConfig } from '../../shared/rules-config.js';
import { assertTimeZone } from '../engine/calendar.js';

export class RulesFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`rules file ${file} was refused:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RulesFileError';
  }
}

function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${where}: ${issue.message}`;
  });
}

/** Parses rules from YAML text; `file` only names the source in errors. */
export function parseRules(text: string, file: string): RulesConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `line ${err.linePos[0].line}: ` : '';
    throw new RulesFileError(file, [`${where}not valid YAML (${(err as Error).message.split('\n')[0]})`]);
  }
  const parsed = rulesConfigSchema.safeParse(raw);
  if (!parsed.success) throw new RulesFileError(file, describeIssues(parsed.error.issues));
  try {
    assertTimeZone(parsed.data.timezone);
  } catch (err) {
    throw new RulesFileError(file, [`timezone: ${(err as Error).message}`]);
  }
  return parsed.data;
}

export function loadRulesFile(file: string): RulesConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RulesFileError(file, [`cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  return parseRules(text, file);
}

export interface RulesWatcher {
  close(): void;
}

/**
 * Reloads the file when it changes. Watches the directory, not the file: editors save by
 * writing a new file and renaming it over the old one, which a file watch would miss.
 */
export function watchRulesFile(
  file: string,
  onRules: (rules: RulesConfig) => void,
  onRefused: (err: Error) => void,
  debounceMs = 200,
): RulesWatcher {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  let timer: NodeJS.Timeout | undefined;
  let last = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const reload = (): void => {
    timer = undefined;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return; // mid-rename; the next event brings the new file
    }
    if (text === last) return;
    last = text;
    try {
      onRules(parseRules(text, file));
    } catch (err) {
      onRefused(err as Error);
    }
  };
  const watcher = fs.watch(dir, (_event, name) => {
    if (name !== null && name !== base) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
