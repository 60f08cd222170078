/**
 * The rules file: YAML, validated against the shared schema at start and on every change.
 * A file that does not validate is refused with a message naming the problem, and the
 * rules in force stay in force.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { rulesConfigSchema, type RulesConfig } from '../../shared/rules-config.js';
import { assertTimeZone } from '../engine/calendar.js';
import { ConfigProblem, parseYamlDocument, loadConfigFile, yamlValue } from './yaml-file.js';

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
    raw = yamlValue(parseYamlDocument(text));
  } catch (err) {
    if (err instanceof ConfigProblem) throw new RulesFileError(file, [err.message]);
    throw err;
  }
  const parsed = rulesConfigSchema.safeParse(raw);
  const problems = parsed.success ? [] : describeIssues(parsed.error.issues);
  // Checked beside the schema, so a bad zone is said with the other problems in one pass
  // (it used to come only once everything else was fixed: one more round trip at install).
  const zone = timeZoneProblem(raw, problems);
  if (zone !== undefined) problems.push(zone);
  if (!parsed.success || problems.length > 0) throw new RulesFileError(file, problems);
  return parsed.data;
}

/**
 * What is wrong with the file's `timezone`, if anything the schema has not said already.
 * Left out, the default zone applies, which is known to be good.
 */
function timeZoneProblem(raw: unknown, schemaProblems: string[]): string | undefined {
  const zone = typeof raw === 'object' && raw !== null ? (raw as { timezone?: unknown }).timezone : undefined;
  if (typeof zone !== 'string' || schemaProblems.some((p) => p.startsWith('timezone:'))) return undefined;
  try {
    assertTimeZone(zone);
    return undefined;
  } catch (err) {
    return `timezone: ${(err as Error).message}`;
  }
}

export function loadRulesFile(file: string): RulesConfig {
  // Only reading is wrapped: parseRules raises its own RulesFileError with every problem.
  const text = loadConfigFile(file, (read) => read, (problem) => new RulesFileError(file, [problem]));
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
