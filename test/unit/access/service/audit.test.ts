import { describe, expect, it } from 'vitest';
import { harness, STRONG, STRONGER, THIRD } from './harness.js';

describe('the audit log', () => {
  it('records every access operation with who, when and where, and no secret anywhere', async () => {
    const h = harness();
    const secrets: string[] = [STRONG, STRONGER, THIRD];
    const boot = await h.access.bootstrapAdmin();
    secrets.push(boot.oneTimePassword!);
    const first = await h.access.signIn('admin', boot.oneTimePassword!, '10.0.0.1');
    if (!first.ok) throw new Error('no sign-in');
    secrets.push(first.sessionToken, first.csrfToken);
    const adminId = first.me.id;
    await h.access.changePassword(adminId, boot.oneTimePassword!, STRONG, { keepSessionId: first.sessionId, ip: '10.0.0.1' });
    await h.access.signIn('admin', 'a wrong password', '10.0.0.66');
    await h.access.signIn('nobody', 'typed-into-the-wrong-box', '10.0.0.66');
    secrets.push('a wrong password', 'typed-into-the-wrong-box');

    const created = await h.access.createAccount({ username: 'carla', name: 'Carla', role: 'supervisor', teams: [] }, adminId, '10.0.0.1');
    secrets.push(created.oneTimePassword);
    await h.access.updateAccount(created.account.id, { name: 'Carla M.' }, adminId, '10.0.0.1');
    const reset = await h.access.resetPassword(created.account.id, adminId, '10.0.0.1');
    secrets.push(reset.oneTimePassword);
    const carla = await h.access.signIn('carla', reset.oneTimePassword, '10.0.0.2');
    if (!carla.ok) throw new Error('no sign-in');
    secrets.push(carla.sessionToken, carla.csrfToken);
    await h.access.changePassword(created.account.id, reset.oneTimePassword, STRONGER, { ip: '10.0.0.2' });
    const again = await h.access.signIn('carla', STRONGER, '10.0.0.2');
    if (!again.ok) throw new Error('no sign-in');
    await h.access.signOut(again.sessionId, '10.0.0.2');
    await h.access.signOutEverywhere(created.account.id, '10.0.0.2');

    const ticket = await h.access.createPairRequest('10.0.9.9');
    secrets.push(ticket.pollToken);
    const device = await h.access.pairDisplay(ticket.code, 'TV', adminId, '10.0.0.1');
    const { deviceToken } = await h.access.pollPairRequest(ticket.id, ticket.pollToken);
    secrets.push(deviceToken!);
    await h.access.revokeDevice(device.id, adminId, '10.0.0.1');
    const feed = await h.access.createFeedToken('adapter', adminId, '10.0.0.1');
    secrets.push(feed.token);
    await h.access.revokeFeedToken(feed.view.id, adminId, '10.0.0.1');

    const entries = await h.access.listAudit({});
    expect(entries.map((e) => e.action)).toEqual([
      'account-created', 'sign-in', 'password-changed', 'sign-in-failed', 'sign-in-failed',
      'account-created', 'account-updated', 'password-reset', 'sign-in', 'password-changed', 'sign-in', 'sign-out',
      'sign-out-everywhere', 'display-paired', 'display-revoked', 'feed-token-created', 'feed-token-revoked',
    ]);
    expect(entries.every((e) => e.at === h.clock.now() && e.actor !== undefined)).toBe(true);
    expect(entries.find((e) => e.action === 'sign-in-failed')).toMatchObject({ actor: adminId, ip: '10.0.0.66', detail: { reason: 'wrong-password' } });
    expect(entries.filter((e) => e.action === 'sign-in-failed')[1]).toMatchObject({ actor: 'anonymous', detail: { reason: 'unknown-user' } });
    expect(entries.find((e) => e.action === 'display-revoked')).toMatchObject({ actor: adminId, target: device.id, ip: '10.0.0.1' });
    expect(entries.find((e) => e.action === 'account-updated')).toMatchObject({ target: created.account.id, detail: { changes: ['name'], name: 'Carla M.' } });

    const everything = JSON.stringify(entries) + h.logs.join('\n') + (await h.access.auditCsv({}));
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // The device token was also kept out of the pairing request once collected.
    expect(JSON.stringify(await h.store.pairRequests.get(ticket.id))).not.toContain(deviceToken!);
  });

  it('redacts a secret a caller puts in detail by mistake, and keeps flags', async () => {
    const h = harness();
    const entry = await h.access.record({
      actor: 'u1', action: 'rules-changed', detail: { newPassword: 'hunter2-hunter2', nested: { apiToken: 'abc' }, mustChangePassword: true, note: 'ok' },
    });
    expect(entry.detail).toEqual({ newPassword: '[redacted]', nested: { apiToken: '[redacted]' }, mustChangePassword: true, note: 'ok' });
  });

  it('filters by actor, action and time', async () => {
    const h = harness();
    await h.access.record({ actor: 'a', action: 'alert-acknowledged', target: 'al-1' });
    h.clock.advance(1000);
    await h.access.record({ actor: 'b', action: 'alert-resolved', target: 'al-1' });
    expect((await h.access.listAudit({ actor: 'b' })).map((e) => e.action)).toEqual(['alert-resolved']);
    expect((await h.access.listAudit({ action: 'alert-acknowledged' })).map((e) => e.actor)).toEqual(['a']);
    expect((await h.access.listAudit({ from: h.clock.now() })).map((e) => e.actor)).toEqual(['b']);
  });

  it('exports CSV: the header, then one row per entry with an ISO time and JSON detail', async () => {
    const h = harness();
    await h.access.record({ actor: 'u1', action: 'hold-approved', target: 'call-9', ip: '10.1.2.3', detail: { minutes: 3, note: 'said "ok", twice' } });
    await h.access.record({ actor: 'u2', action: 'display-paired', target: '=HYPERLINK("http://x")' });
    const csv = await h.access.auditCsv({});
    expect(csv.split('\n')[0]).toBe('seq,at,actor,action,target,ip,detail');
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual({
      seq: '1', at: new Date(h.clock.now()).toISOString(), actor: 'u1', action: 'hold-approved', target: 'call-9', ip: '10.1.2.3',
      detail: JSON.stringify({ minutes: 3, note: 'said "ok", twice' }),
    });
    // A formula-looking cell is defused for spreadsheets.
    expect(rows[1].target).toBe('\'=HYPERLINK("http://x")');
  });
});

/** RFC 4180 just enough for the test: quoted fields with doubled quotes, first row as header. */
function parseCsv(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}
