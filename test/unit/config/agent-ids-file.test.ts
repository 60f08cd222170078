/** `--agent-ids FILE`: names to the floor's agent ids, refused with the entry named when wrong. */
import { describe, expect, it } from 'vitest';
import { parseAgentIds } from '../../../server/config/agent-ids-file.js';

describe('the agent ids file', () => {
  it('reads names (member names, interfaces) to ids, quoted', () => {
    expect(parseAgentIds('Alice Tan: "1001"\nSIP/alice: \'0123\'\n"Bob Lee": " 1002 "\n"0101": "7"\n', 'ids.yaml'))
      .toEqual({ 'Alice Tan': '1001', 'SIP/alice': '0123', 'Bob Lee': '1002', '0101': '7' });
    expect(parseAgentIds('{"Alice Tan": "1001"}', 'ids.json')).toEqual({ 'Alice Tan': '1001' });
    expect(parseAgentIds('', 'empty.yaml')).toEqual({});
  });

  it('refuses what is not a mapping of names to ids, naming the file and the entry', () => {
    expect(() => parseAgentIds('Alice Tan: "1001"\n  bad: [\n', 'ids.yaml')).toThrow(/agent ids file ids\.yaml was refused: line \d+: not valid YAML/);
    expect(() => parseAgentIds('- 1001\n- 1002\n', 'ids.yaml')).toThrow(/expected a mapping of names to agent ids/);
    expect(() => parseAgentIds('Alice Tan: ""\n', 'ids.yaml')).toThrow(/"Alice Tan": must not be empty/);
    expect(() => parseAgentIds(`Alice Tan: "${'9'.repeat(201)}"\n`, 'ids.yaml')).toThrow(/"Alice Tan": at most 200 characters/);
    expect(() => parseAgentIds('Alice Tan: [1001]\n', 'ids.yaml')).toThrow(/"Alice Tan":/);
  });
});
