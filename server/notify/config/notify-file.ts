/**
 * The `notifications` configuration file (YAML): the delivery settings, and channels,
 * recipients and routes. Validated with the shared schema; a problem is reported with
 * the entry and field it is in (`channels[1] "ops-mail".port: ...`), and the server does
 * not start on a file it cannot trust.
 *
 * Secrets need not be written in the file: `${NAME}` anywhere in a value is replaced by
 * the environment variable NAME (an unset variable is an error, never an empty secret).
 */
import fs from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { notifyFileSchema, type NotifyFile } from '../../../shared/notify.js';

export class NotifyFileError extends Error {
  constructor(file: string, readonly problems: string[]) {
    super(`notifications file ${file} was refused:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'NotifyFileError';
  }
}

const LISTS = new Set(['channels', 'recipients', 'routes']);

/** `channels.1.port` -> `channels[1] "ops-mail".port`: the entry by its position and id. */
function where(path: readonly PropertyKey[], raw: unknown): string {
  if (path.length === 0) return '(top level)';
  const [head, index, ...rest] = path.map(String);
  if (LISTS.has(head) && index !== undefined && /^\d+$/.test(index)) {
    const entry = (raw as Record<string, unknown[]> | null)?.[head]?.[Number(index)] as { id?: unknown } | undefined;
    const id = typeof entry?.id === 'string' ? ` "${entry.id}"` : '';
    return `${head}[${index}]${id}${rest.length > 0 ? `.${rest.join('.')}` : ''}`;
  }
  return path.map(String).join('.');
}

function describe(issues: z.core.$ZodIssue[], raw: unknown): string[] {
  return issues.map((i) => {
    const field = i.code === 'unrecognized_keys' ? [...i.path, i.keys.join(',')] : i.path;
    return `${where(field, raw)}: ${i.message}`;
  });
}

/** Replaces `${NAME}` with the environment's value, collecting the names that are not set. */
function expandEnv(text: string, env: NodeJS.ProcessEnv, missing: string[]): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, name: string) => {
    const value = env[name];
    if (value === undefined) {
      missing.push(name);
      return '';
    }
    return value;
  });
}

export function parseNotifyFile(text: string, file: string, env: NodeJS.ProcessEnv = process.env): NotifyFile {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    const at = err instanceof YAMLParseError && err.linePos ? `line ${err.linePos[0].line}: ` : '';
    throw new NotifyFileError(file, [`${at}not valid YAML (${(err as Error).message.split('\n')[0]})`]);
  }
  const missing: string[] = [];
  // Expanded after parsing, in string values only: a secret with a quote or a colon in it
  // cannot change the YAML's structure.
  const expanded = JSON.parse(JSON.stringify(raw, (_k, v: unknown) => (typeof v === 'string' ? expandEnv(v, env, missing) : v))) as unknown;
  if (missing.length > 0) throw new NotifyFileError(file, [...new Set(missing)].map((n) => `environment variable ${n} is not set (the file refers to \${${n}})`));
  const parsed = notifyFileSchema.safeParse(expanded);
  if (!parsed.success) throw new NotifyFileError(file, describe(parsed.error.issues, expanded));
  const problems: string[] = [];
  for (const list of ['channels', 'recipients', 'routes'] as const) {
    const seen = new Set<string>();
    parsed.data[list].forEach((entry, i) => {
      if (entry.id === undefined) problems.push(`${list}[${i}].id: required in the file (it ties the entry to its copy in the database)`);
      else if (seen.has(entry.id)) problems.push(`${list}[${i}] "${entry.id}".id: used twice`);
      else seen.add(entry.id);
    });
  }
  if (problems.length > 0) throw new NotifyFileError(file, problems);
  return parsed.data;
}

export function loadNotifyFile(file: string, env: NodeJS.ProcessEnv = process.env): NotifyFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new NotifyFileError(file, [`cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  return parseNotifyFile(text, file, env);
}
