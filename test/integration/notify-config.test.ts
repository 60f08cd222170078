/**
 * How the configuration file and the admin page combine, across restarts on one database:
 * the file's entries are written at every start (the file wins for the ids it names),
 * entries it no longer names are removed, entries made on the page stay; a file with a
 * bad reference stops the start and changes nothing. And the demo's accounts.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMemoryAccessStore } from '../../server/access/memory-store.js';
import { FAST_TEST_PARAMS } from '../../server/access/passwords.js';
import { createAccessService } from '../../server/access/service/access-service.js';
import { ensureDemoAccounts } from '../../server/notify/demo.js';
import { NotifyFileError, parseNotifyFile } from '../../server/notify/config/notify-file.js';
import { readFileSync } from 'node:fs';
import { forbiddenPhrase, notifyFile, openWorld } from './notify-harness.js';

const hook = (id: string, name: string) => ({ id, name, kind: 'webhook', url: 'https://hooks.example.com/x', secret: 'file-secret-123' });

describe('the file and the page', () => {
  it('the file wins for what it names, forgets what it dropped, and leaves the page\'s own entries alone', async () => {
    const first = await openWorld({ file: notifyFile({ channels: [hook('a', 'A from the file'), hook('b', 'B from the file')] }) });
    const admin = { id: first.accounts.get('admin')! };
    await first.notifier.config.saveChannel('a', { ...hook('a', 'A edited on the page'), kind: 'webhook' }, admin);
    await first.notifier.config.saveChannel(undefined, { id: 'mine', name: 'Made on the page', kind: 'slack', url: 'https://hooks.slack.com/services/x' }, admin);
    expect(first.notifier.tables.channels.get('a')).toMatchObject({ source: 'file', config: { name: 'A edited on the page' } });
    await first.close();

    const second = await openWorld({ db: first.db, clock: first.clock, file: notifyFile({ channels: [hook('a', 'A from the file')] }) });
    const channels = second.notifier.config.listChannels().map((c) => [c.id, c.name, c.source]);
    expect(channels).toEqual([['a', 'A from the file', 'file'], ['mine', 'Made on the page', 'ui']]);
    const [applied] = (await second.access.listAudit({ action: 'notify-config-file-applied' })).slice(-1);
    expect(applied.detail).toEqual({ written: ['channels/a'], removed: ['channels/b'] });
    await second.close();
  });

  it('a file whose recipient names a channel that does not exist stops the start, naming it, and changes nothing', async () => {
    const first = await openWorld({ file: notifyFile({ channels: [hook('a', 'A')] }) });
    await first.close();
    const bad = notifyFile({
      channels: [hook('z', 'Z')],
      recipients: [{ id: 'lead', name: 'Lead', account: 'lead-a', contacts: [{ channel: 'nope' }] }],
    });
    const err = await openWorld({ db: first.db, clock: first.clock, file: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotifyFileError);
    expect((err as NotifyFileError).problems).toEqual(['recipients[0] "lead".contacts.0.channel: there is no channel "nope"']);
    const again = await openWorld({ db: first.db, clock: first.clock });
    expect(again.notifier.config.listChannels().map((c) => c.id)).toEqual(['a']);
    await again.close();
  });

  it('a file whose channel points at a cloud metadata address stops the start, naming it', async () => {
    const bad = notifyFile({ channels: [{ id: 'meta', name: 'Meta', kind: 'webhook', url: 'http://169.254.169.254/latest/meta-data/', secret: 'secret-secret' }] });
    const err = await openWorld({ file: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotifyFileError);
    expect((err as NotifyFileError).problems).toEqual([
      'channels[0] "meta".url: 169.254.169.254 is a link-local or cloud metadata address; notifications are never sent there',
    ]);
  });
});

describe('a recipient whose account does not exist', () => {
  it('is said in the log at start and, once an hour, when an alert passes it by; the others are told', async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>) });
    const world = await openWorld({
      logger,
      file: notifyFile({
        channels: [hook('hook', 'Hook')],
        recipients: [
          { id: 'typo', name: 'Lead A (typo)', account: 'lead-aa', contacts: [{ channel: 'hook' }] },
          { id: 'lead-a', name: 'Lead A', account: 'lead-a', contacts: [{ channel: 'hook' }] },
        ],
        routes: [{ id: 'critical', severities: ['critical'] }],
      }),
    });
    try {
      expect(warnings.map((w) => [w.msg, w.recipients])).toEqual([
        [expect.stringMatching(/do not exist or are disabled/), [{ recipient: 'typo', account: 'lead-aa' }]],
      ]);
      await world.ingest(forbiddenPhrase('1001', 'A', 'c-1'));
      await world.ingest(forbiddenPhrase('1002', 'A', 'c-2'));
      expect(world.notifier.outbox.list({ limit: 10 }).map((r) => r.recipientId)).toEqual(['lead-a', 'lead-a']);
      const passedBy = warnings.filter((w) => w.recipient === 'typo');
      expect(passedBy).toEqual([expect.objectContaining({ account: 'lead-aa', msg: expect.stringMatching(/account does not exist or is disabled/) })]);
    } finally {
      await world.close();
    }
  });
});

describe('the demo', () => {
  it('creates the accounts the demo file names, once', async () => {
    const logger = pino({ level: 'silent' });
    const access = createAccessService({ store: createMemoryAccessStore(), clock: { now: () => 0 }, logger, passwordParams: FAST_TEST_PARAMS });
    await access.bootstrapAdmin({ envPassword: 'first-admin-password-demo' });
    const file = parseNotifyFile(readFileSync('config/notifications.demo.yaml', 'utf8'), 'demo');
    expect(await ensureDemoAccounts(access, file, logger)).toEqual(['demo-lead', 'demo-supervisor', 'demo-manager']);
    expect(await ensureDemoAccounts(access, file, logger)).toEqual([]);
    const byName = new Map((await access.listAccounts()).map((a) => [a.username, a]));
    expect(byName.get('demo-lead')).toMatchObject({ role: 'lead', teams: ['team-01', 'team-02', 'team-03', 'team-04', 'team-05'] });
    expect(byName.get('demo-supervisor')?.role).toBe('supervisor');
    expect(byName.get('demo-manager')?.role).toBe('manager');
  });
});
