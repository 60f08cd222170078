/**
 * `--agent-ids FILE`: what the phone system calls an agent -> the floor's agent id, for
 * when the ids are not the extension's digits. YAML (or JSON), one entry a line:
 *
 *   Alice Tan: "1001"          # a queue_log member name (app_queue writes it on call lines)
 *   SIP/alice: "1023"          # an AMI interface
 *
 * Read by the Asterisk AMI adapter (interface or member name) and the queue_log reader and
 * follower (the agent field, case-insensitively). A bad file is refused at start, naming
 * the entry.
 */
import fs from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';

/** As the event contract's ids: 1-200 characters. */
const agentId = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const schema = z.record(z.string().trim().min(1, 'a name must not be empty').max(200, 'at most 200 characters'),
  z.union([agentId, z.number().int().nonnegative().transform(String)]));

export class AgentIdsFileError extends Error {
  constructor(file: string, problem: string) {
    super(`agent ids file ${file} was refused: ${problem}`);
    this.name = 'AgentIdsFileError';
  }
}

export function parseAgentIds(text: string, file: string): Record<string, string> {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `line ${err.linePos[0].line}: ` : '';
    throw new AgentIdsFileError(file, `${where}not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AgentIdsFileError(file, 'expected a mapping of names to agent ids (Alice Tan: "1001"), one a line');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `"${issue.path.join('.')}": ` : '';
    throw new AgentIdsFileError(file, `${where}${issue.message}`);
  }
  return parsed.data;
}

export function loadAgentIdsFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new AgentIdsFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseAgentIds(text, file);
}
