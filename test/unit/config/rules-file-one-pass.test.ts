/** A rules file with a bad time zone and other problems: all of them said in one refusal. */
import { describe, expect, it } from 'vitest';
import { parseRules } from '../../../server/config/rules-file.js';

describe('the rules file, refused in one pass', () => {
  it('names a bad timezone with the schema\'s problems, not only once they are fixed', () => {
    expect(() => parseRules('timezone: Mars/Olympus\nrules:\n  greeting:\n    sevrity: info\n', 'rules.yaml')).toThrow(
      'rules file rules.yaml was refused:\n'
      + '  - rules.greeting: Unrecognized key: "sevrity"\n'
      + '  - timezone: unknown time zone "Mars/Olympus" (use an IANA name such as Asia/Shanghai)',
    );
  });

  it('says a timezone that is not text once, as the schema says it', () => {
    expect(() => parseRules('timezone: ""\n', 'rules.yaml')).toThrow(/rules file rules\.yaml was refused:\n {2}- timezone: [^\n]*$/);
  });
});
