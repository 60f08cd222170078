/**
 * Routing, pure: who is told at each escalation level, with quiet hours and the
 * de-duplication window, on real alerts from the engine.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { route, type RoutingInput } from '../../../server/notify/routing/decide.js';
import { inQuietHours } from '../../../server/notify/routing/quiet-hours.js';
import { at, escalatingAlert, recipient, routeOf } from './fixtures.js';

const people = [
  recipient({ id: 'lead-a', account: 'lead-a' }, { accountId: 'acc-1', username: 'lead-a', role: 'lead', teams: ['A'] }),
  recipient({ id: 'lead-b', account: 'lead-b' }, { accountId: 'acc-2', username: 'lead-b', role: 'lead', teams: ['B'] }),
  recipient({ id: 'sup', account: 'sup', contacts: [{ channel: 'hook' }, { channel: 'mail', to: 'sup@example.com' }] }, { accountId: 'acc-3', username: 'sup', role: 'supervisor', teams: [] }),
  recipient({ id: 'mgr', account: 'mgr' }, { accountId: 'acc-4', username: 'mgr', role: 'manager', teams: [] }),
  recipient({ id: 'root', account: 'admin' }, { accountId: 'acc-5', username: 'admin', role: 'admin', teams: [] }),
];

function input(overrides: Partial<RoutingInput> = {}): RoutingInput {
  return {
    routes: [routeOf()], recipients: people, channels: new Set(['hook', 'mail']), now: at(10), timeZone: 'Asia/Shanghai',
    dedupeWindowMs: 10 * 60_000, lastNotifiedAt: () => undefined, ...overrides,
  };
}

const told = (alert: Alert, i: RoutingInput = input()) => route(alert, i).decisions.map((d) => `${d.recipientId}/${d.channelId}`).sort();

describe('routing up the escalation chain', () => {
  const { lead, supervisor, manager } = escalatingAlert('A');

  it('tells the lead of the agent\'s team, and no other lead, while the alert is at the lead level', () => {
    expect(lead.escalationLevel).toBe('lead');
    expect(told(lead)).toEqual(['lead-a/hook']);
    expect(route(lead, input()).decisions[0]).toMatchObject({ type: 'alert.opened', level: 'lead', id: `${lead.id}:lead:lead-a:hook` });
  });

  it('tells the floor supervisor (each of their channels) once it escalates, then the manager at the top', () => {
    expect(supervisor.escalationLevel).toBe('supervisor');
    expect(told(supervisor)).toEqual(['sup/hook', 'sup/mail']);
    expect(route(supervisor, input()).decisions.every((d) => d.type === 'alert.escalated')).toBe(true);
    expect(manager.escalationLevel).toBe('manager');
    expect(told(manager)).toEqual(['mgr/hook']);
  });

  it('never tells an administrator, and tells nobody about an acknowledged or resolved alert', () => {
    for (const a of [lead, supervisor, manager]) expect(told(a)).not.toContain('root/hook');
    expect(told({ ...supervisor, status: 'acknowledged' })).toEqual([]);
    expect(told({ ...supervisor, status: 'resolved' })).toEqual([]);
  });

  it('decides the same ids every time (a restart re-decides without duplicates)', () => {
    expect(route(supervisor, input()).decisions).toEqual(route(supervisor, input({ now: at(500) })).decisions);
  });

  it('follows the route\'s rules, severities, levels, teams, channels and recipients', () => {
    expect(told(lead, input({ routes: [routeOf({ rules: ['greeting'] })] }))).toEqual([]);
    expect(told(lead, input({ routes: [routeOf({ severities: ['warning'] })] }))).toEqual([]);
    expect(told(supervisor, input({ routes: [routeOf({ levels: ['lead', 'manager'] })] }))).toEqual([]);
    expect(told(lead, input({ routes: [routeOf({ teams: ['B'] })] }))).toEqual([]);
    expect(told(supervisor, input({ routes: [routeOf({ channels: ['mail'] })] }))).toEqual(['sup/mail']);
    expect(told(supervisor, input({ routes: [routeOf({ recipients: ['mgr'] })] }))).toEqual([]);
    expect(told(supervisor, input({ routes: [routeOf({ enabled: false })] }))).toEqual([]);
    expect(told(supervisor, input({ channels: new Set(['hook']) }))).toEqual(['sup/hook']);
  });

  it('skips a recipient whose account is missing or disabled, saying so', () => {
    const orphan = recipient({ id: 'gone', account: 'nobody' });
    const r = route(manager, input({ recipients: [orphan] }));
    expect(r.decisions).toEqual([]);
    expect(r.skipped).toEqual([{ recipientId: 'gone', reason: 'no-account' }]);
  });

  it('reaches the lead who owns the alert since a handover, whatever their teams', () => {
    const owned: Alert = { ...lead, owner: { account: 'acc-2', teamIds: ['B'], since: at(5), handoverId: 'h1' } };
    expect(told(owned)).toEqual(['lead-a/hook', 'lead-b/hook']);
  });
});

describe('quiet hours', () => {
  // 2026-11-28 23:30 in Shanghai is 15:30 UTC.
  const night = Date.parse('2026-11-28T23:30:00+08:00');
  const day = Date.parse('2026-11-28T12:00:00+08:00');

  it('spans midnight in the centre\'s time zone', () => {
    const q = { from: '22:00', to: '07:00' };
    expect(inQuietHours(night, 'Asia/Shanghai', q)).toBe(true);
    expect(inQuietHours(Date.parse('2026-11-29T06:59:00+08:00'), 'Asia/Shanghai', q)).toBe(true);
    expect(inQuietHours(Date.parse('2026-11-29T07:00:00+08:00'), 'Asia/Shanghai', q)).toBe(false);
    expect(inQuietHours(day, 'Asia/Shanghai', q)).toBe(false);
    // The same instant is afternoon in London.
    expect(inQuietHours(night, 'Europe/London', q)).toBe(false);
    expect(inQuietHours(day, 'Asia/Shanghai', { from: '09:00', to: '17:00' })).toBe(true);
  });

  it('holds back non-critical alerts at night; critical ones go through unless the recipient says otherwise', () => {
    const { supervisor } = escalatingAlert('A');
    const quiet = (criticalBypass: boolean) => [recipient(
      { id: 'sup', account: 'sup', quietHours: { from: '22:00', to: '07:00', criticalBypass } },
      { accountId: 'acc-3', username: 'sup', role: 'supervisor', teams: [] },
    )];
    expect(told(supervisor, input({ recipients: quiet(true), now: night }))).toEqual(['sup/hook']);
    expect(told(supervisor, input({ recipients: quiet(true), now: day }))).toEqual(['sup/hook']);
    const warning: Alert = { ...supervisor, severity: 'warning' };
    expect(route(warning, input({ recipients: quiet(true), now: night })).skipped).toEqual([{ recipientId: 'sup', reason: 'quiet-hours' }]);
    expect(told(warning, input({ recipients: quiet(true), now: day }))).toEqual(['sup/hook']);
    expect(told(supervisor, input({ recipients: quiet(false), now: night }))).toEqual([]);
  });
});

describe('the de-duplication window', () => {
  it('does not tell the same person about the same rule and subject again within the window', () => {
    const { lead } = escalatingAlert('A');
    const key = `forbidden-phrases|${lead.subject.kind}:${lead.subject.id}|lead-a`;
    const seen: Array<[string, string]> = [];
    const lastNotifiedAt = (k: string, alertId: string) => {
      seen.push([k, alertId]);
      return k === key ? at(0) : undefined;
    };
    const within = route(lead, input({ now: at(0) + 9 * 60_000, lastNotifiedAt }));
    expect(within.decisions).toEqual([]);
    expect(within.skipped).toEqual([{ recipientId: 'lead-a', reason: 'dedupe' }]);
    expect(seen).toContainEqual([key, lead.id]);
    expect(told(lead, input({ now: at(0) + 10 * 60_000, lastNotifiedAt }))).toEqual(['lead-a/hook']);
    expect(told(lead, input({ now: at(0) + 60_000, lastNotifiedAt, dedupeWindowMs: 0 }))).toEqual(['lead-a/hook']);
  });
});
