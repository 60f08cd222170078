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
 *
 * Ids are text and must be quoted: YAML reads an unquoted `0101` as the number 101 and
 * `007` as 7, so the id as written is gone before it could be checked. Every unquoted
 * number (a key or a value) is refused, naming its entry, rather than only those that
 * visibly changed: `1023` is fine today and `0123` on the next line is not, and a rule the
 * installer cannot see is one they will trip over.
 */
import { z } from 'zod';
import { ConfigProblem, parseYamlDocument, plainNumbers, quoteIt, loadConfigFile, yamlValue } from './yaml-file.js';

/** As the event contract's ids: 1-200 characters. */
const agentId = z.string({ error: 'expected an agent id in quotes ("1001")' })
  .trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
/** Names to ids; exported for the adapters file, whose sections hold the same mapping. */
export const agentIdsSchema = z.record(z.string().trim().min(1, 'a name must not be empty').max(200, 'at most 200 characters'), agentId);

export class AgentIdsFileError extends Error {
  /** One problem on the same line; several (every unquoted number at once) one a line. */
  constructor(file: string, problem: string | string[]) {
    const problems = typeof problem === 'string' ? [problem] : problem;
    super(`agent ids file ${file} was refused:${problems.length === 1 ? ` ${problems[0]}` : problems.map((p) => `\n  - ${p}`).join('')}`);
    this.name = 'AgentIdsFileError';
  }
}

/** Every unquoted number in the file, said together: fixing them one start at a time is a chore. */
class UnquotedNumbers extends ConfigProblem {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export function parseAgentIds(text: string, file: string): Record<string, string> {
  try {
    return readAgentIds(text);
  } catch (err) {
    if (err instanceof UnquotedNumbers) throw new AgentIdsFileError(file, err.problems);
    if (err instanceof ConfigProblem) throw new AgentIdsFileError(file, err.message);
    throw err;
  }
}

function readAgentIds(text: string): Record<string, string> {
  const doc = parseYamlDocument(text);
  const raw = yamlValue(doc);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigProblem('expected a mapping of names to agent ids (Alice Tan: "1001"), one a line');
  }
  // Names and ids only: a number deeper down is in something the schema refuses anyway.
  const numbers = plainNumbers(doc).filter((n) => n.path.length === 1);
  if (numbers.length > 0) throw new UnquotedNumbers(numbers.map((n) => `"${n.path.join('.')}": ${quoteIt(n)}`));
  const parsed = agentIdsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `"${issue.path.join('.')}": ` : '';
    throw new ConfigProblem(`${where}${issue.message}`);
  }
  return parsed.data;
}

export function loadAgentIdsFile(file: string): Record<string, string> {
  return loadConfigFile(file, (text) => parseAgentIds(text, file), (problem) => new AgentIdsFileError(file, problem));
}
