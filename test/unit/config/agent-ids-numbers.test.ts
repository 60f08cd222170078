/**
 * `--agent-ids FILE` with ids written as unquoted numbers: YAML reads `0101` as 101 and
 * `007` as 7, so the ids as written are gone before any check. Every unquoted number is
 * refused, naming its entry and saying to quote it, all of them at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgentIdsFile, parseAgentIds } from '../../../server/config/agent-ids-file.js';

describe('the agent ids file, unquoted numbers', () => {
  it('refuses ids whose leading zeros YAML would drop, naming each entry and saying to quote it', () => {
    expect(() => parseAgentIds('Alice: 0101\nBob: 007\nCarol: "1003"\n', 'ids.yaml')).toThrow(
      'agent ids file ids.yaml was refused:\n'
      + '  - "Alice": 0101 is unquoted, so YAML reads it as the number 101: quote it ("0101") to keep it as written\n'
      + '  - "Bob": 007 is unquoted, so YAML reads it as the number 7: quote it ("007") to keep it as written',
    );
  });

  it('refuses every unquoted number, even one that reads back the same, and numeric names', () => {
    expect(() => parseAgentIds('SIP/alice: 1023\n', 'ids.yaml')).toThrow('"SIP/alice": 1023 is unquoted, so YAML reads it as a number: quote it ("1023")');
    expect(() => parseAgentIds('0101: "a-17"\n', 'ids.yaml')).toThrow('"0101": the key 0101 is unquoted, so YAML reads it as the number 101: quote it ("0101")');
    expect(() => parseAgentIds('{"Alice Tan": 1001}', 'ids.json')).toThrow('"Alice Tan": 1001 is unquoted');
  });

  it('a file on disk as serve, import and replay read it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-agent-ids-'));
    const file = path.join(dir, 'agents.yaml');
    fs.writeFileSync(file, 'Alice: 0101\n');
    expect(() => loadAgentIdsFile(file)).toThrow(`agent ids file ${file} was refused: "Alice": 0101 is unquoted`);
    fs.writeFileSync(file, 'Alice: "0101"\n');
    expect(loadAgentIdsFile(file)).toEqual({ Alice: '0101' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
