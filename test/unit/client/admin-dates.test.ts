// @vitest-environment jsdom
/**
 * Dates on the admin pages are written like the header clock: in the UI's language and
 * the centre's time zone (the rules' `timezone`), never the browser's locale and zone. A
 * reviewer with an en-US browser in UTC reading the Chinese pages saw the audit log at
 * "Nov 30, 2026, 12:00:20 AM" while the centre's clock said 08:00. The audit log's
 * "today" is the centre's day too.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, Me } from '../../../shared/access.js';
import { auditQuery, todayFilters } from '../../../client/src/admin/audit-query.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { AdminAuditPage } from '../../../client/src/pages/AdminAuditPage.js';
import { forgetCentreZone } from '../../../client/src/time/centre-zone.js';
import { formatDateTime } from '../../../client/src/time/format.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';

/** 08:00:20 on 30 November in Shanghai: 00:00:20 in UTC. */
const AT = Date.parse('2026-11-30T00:00:20Z');
/** 01:30 on 1 December in Shanghai, still 30 November in UTC (and in the browser here). */
const LATE = Date.parse('2026-11-30T17:30:00Z');
const ADMIN: Me = { kind: 'user', id: 'u-admin', name: 'Administrator', role: 'admin', teams: [], mustChangePassword: false };

let server: FakeFetch;
beforeEach(() => {
  useLocale.setState({ locale: 'zh-CN' });
  forgetCentreZone();
  server = installFakeFetch({
    'GET /api/v1/rules': { body: { timezone: 'Asia/Shanghai' } },
    'GET /api/v1/accounts': { body: [] },
    'GET /api/v1/audit': { body: [{ seq: 1, at: AT, actor: 'u-admin', action: 'password-changed', target: 'u-admin', ip: '127.0.0.1' } satisfies AuditEntry] },
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a moment on the admin pages', () => {
  it('is written in the UI\'s language and the centre\'s zone, whatever the browser\'s', () => {
    expect(formatDateTime(AT, 'Asia/Shanghai', 'zh-CN', true)).toBe('2026年11月30日 08:00:20');
    expect(formatDateTime(AT, 'Asia/Shanghai', 'en', true)).toBe('Nov 30, 2026, 08:00:20');
    expect(formatDateTime(LATE, 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月1日 01:30');
    expect(formatDateTime(LATE, 'UTC', 'en')).toBe('Nov 30, 2026, 17:30');
    // A zone the browser does not know (a typo in the rules) is no crash: the browser's own.
    expect(formatDateTime(AT, 'Mars/Olympus', 'en', true)).toBe(formatDateTime(AT, Intl.DateTimeFormat().resolvedOptions().timeZone, 'en', true));
  });

  it('by default, in the language in use and the centre\'s zone once the page has learnt it (the admin tables)', async () => {
    formatDateTime(AT); // the first use asks the server for the zone
    await waitFor(() => expect(formatDateTime(AT)).toBe('2026年11月30日 08:00'));
    expect(server.calls('GET /api/v1/rules')).toHaveLength(1);
    useLocale.setState({ locale: 'en' });
    expect(formatDateTime(AT)).toBe('Nov 30, 2026, 08:00');
    // Remembered for the next page, which writes its first dates in the centre's zone at once.
    expect(localStorage.getItem('floorwatch.centreZone')).toBe('Asia/Shanghai');
  });

  it('in the audit log, with "today" the centre\'s day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(LATE); // 30 November in the browser (UTC), 1 December in Shanghai
    render(createElement(AdminAuditPage, { me: ADMIN }));
    const row = await screen.findByRole('row', { name: /password-changed/ });
    expect(row.querySelector('td')?.textContent).toBe('2026年11月30日 08:00:20');
    await waitFor(() => expect(Object.fromEntries(server.calls('GET /api/v1/audit').at(-1)!.query)).toMatchObject({
      from: String(Date.parse('2026-12-01T00:00:00+08:00')), to: String(Date.parse('2026-12-02T00:00:00+08:00') - 1),
    }));
    expect((screen.getByLabelText('开始日期') as HTMLInputElement).value).toBe('2026-12-01');
  });

  it('the audit filters\' days are the centre\'s days', () => {
    expect(todayFilters(LATE, 'Asia/Shanghai')).toMatchObject({ fromDate: '2026-12-01', toDate: '2026-12-01' });
    expect(todayFilters(LATE, 'UTC')).toMatchObject({ fromDate: '2026-11-30', toDate: '2026-11-30' });
    const q = new URLSearchParams(auditQuery({ fromDate: '2026-12-01', toDate: '2026-12-02', actor: '', action: '' }, new Map(), undefined, 'Asia/Shanghai'));
    expect([q.get('from'), q.get('to')]).toEqual([
      String(Date.parse('2026-12-01T00:00:00+08:00')), String(Date.parse('2026-12-03T00:00:00+08:00') - 1),
    ]);
  });
});
