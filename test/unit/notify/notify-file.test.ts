/** The notifications file: what it accepts, and refusals that name the entry and the field. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NotifyFileError, parseNotifyFile } from '../../../server/notify/config/notify-file.js';

const refusal = (text: string, env: NodeJS.ProcessEnv = {}): string[] => {
  try {
    parseNotifyFile(text, 'n.yaml', env);
  } catch (err) {
    expect(err).toBeInstanceOf(NotifyFileError);
    return (err as NotifyFileError).problems;
  }
  throw new Error('the file was accepted');
};

describe('the notifications file', () => {
  it('accepts the demo file shipped in config/, with the defaults filled in', () => {
    const file = parseNotifyFile(readFileSync('config/notifications.demo.yaml', 'utf8'), 'demo');
    expect(file.channels.map((c) => c.id)).toEqual(['demo-webhook']);
    expect(file.recipients.map((r) => r.account)).toEqual(['demo-lead', 'demo-supervisor', 'demo-manager']);
    expect(file.routes[0]).toMatchObject({ severities: ['critical'], levels: ['lead', 'supervisor', 'manager'], rules: [], enabled: true });
    expect(file.delivery).toEqual({ maxAttempts: 6, baseDelaySeconds: 5, maxDelaySeconds: 600 });
  });

  it('takes secrets from the environment with ${NAME}, refusing an unset one', () => {
    const text = 'channels:\n  - { id: ops, name: Ops, kind: webhook, url: "https://hooks.example.com/x", secret: "${HOOK_SECRET}" }\n';
    const file = parseNotifyFile(text, 'n.yaml', { HOOK_SECRET: 'from-the-environment' });
    expect(file.channels[0]).toMatchObject({ secret: 'from-the-environment' });
    expect(refusal(text)).toEqual(['environment variable HOOK_SECRET is not set (the file refers to ${HOOK_SECRET})']);
  });

  it('names the entry (position and id) and the field of each problem', () => {
    expect(refusal('channels:\n  - { id: mail, name: Mail, kind: smtp, host: smtp.example.com, port: 70000, from: ops@example.com }\n'))
      .toEqual([expect.stringMatching(/^channels\[0\] "mail"\.port: /)]);
    expect(refusal('channels:\n  - { id: x, name: X, kind: pager, url: "https://a.example" }\n'))
      .toEqual([expect.stringMatching(/^channels\[0\] "x"\.kind: /)]);
    expect(refusal('recipients:\n  - { id: a, name: A, account: a, contacts: [], languge: en }\n'))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^recipients\[0\] "a"\.contacts: at least one way to reach them/), expect.stringMatching(/^recipients\[0\] "a"\.languge: /)]));
    expect(refusal('routes:\n  - { id: r, rules: [no-such-rule] }\n')).toEqual([expect.stringMatching(/^routes\[0\] "r"\.rules\.0: /)]);
    expect(refusal('dedupeWindowMinutes: -1\n')).toEqual([expect.stringMatching(/^dedupeWindowMinutes: /)]);
    expect(refusal('channels: [\n')).toEqual([expect.stringMatching(/^line \d+: not valid YAML/)]);
  });

  it('requires ids in the file, once each', () => {
    expect(refusal('routes:\n  - { severities: [critical] }\n')).toEqual(['routes[0].id: required in the file (it ties the entry to its copy in the database)']);
    expect(refusal('routes:\n  - { id: r }\n  - { id: r }\n')).toEqual(['routes[1] "r".id: used twice']);
  });
});
