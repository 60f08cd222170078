/** The pure parts: who hands over to whom at a shift change, and what the prefill counts. */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import type { LeadShift } from '../../../shared/schedule.js';
import { alertRef, buildPrefill } from '../../../server/handover/prefill.js';
import { dutyOwed, leadsAtChange } from '../../../server/handover/roster.js';
import { makeAlert } from '../storage/fixtures.js';

const H = 3600_000;
const CHANGE = Date.parse('2026-11-28T16:00:00+08:00');
const duty = (id: string, teamIds: string[], start: number, end: number, account = `lead.${id}`): LeadShift => ({ id, leadId: id, account, teamIds, start, end });

describe('the roster at a shift change', () => {
  const leads = [
    duty('am1', ['T1', 'T2'], CHANGE - 8 * H, CHANGE),
    duty('am2', ['T3'], CHANGE - 8 * H, CHANGE),
    duty('pm1', ['T1'], CHANGE, CHANGE + 8 * H),
    duty('pm2', ['T2', 'T3'], CHANGE, CHANGE + 8 * H),
    duty('early', ['T1', 'T2'], CHANGE - 20 * 60_000, CHANGE + 8 * H),
  ];

  it('pairs the duty ending at the change with the one starting there, by the teams they share most', () => {
    expect(leadsAtChange(leads, CHANGE, ['T1', 'T2'])).toMatchObject({ outgoing: { id: 'am1' }, incoming: { id: 'pm1' } });
    expect(leadsAtChange(leads, CHANGE, ['T2', 'T3'])).toMatchObject({ outgoing: { id: 'am1' }, incoming: { id: 'pm2' } });
    expect(leadsAtChange(leads, CHANGE, ['T3'])).toMatchObject({ outgoing: { id: 'am2' }, incoming: { id: 'pm2' } });
    // A duty starting early (16:00 - 20 min) is not the one starting at the change.
    expect(leadsAtChange(leads, CHANGE, ['T9'])).toEqual({});
    expect(leadsAtChange(leads, CHANGE + 60_000, ['T1'])).toEqual({});
  });

  it('finds the duty an account owes: the latest begun, within twelve hours of its end', () => {
    const own = [duty('a', ['T1'], CHANGE - 16 * H, CHANGE - 8 * H, 'Lead.X'), duty('b', ['T1'], CHANGE - 8 * H, CHANGE, 'lead.x'), duty('c', ['T1'], CHANGE + H, CHANGE + 9 * H, 'lead.x')];
    expect(dutyOwed(own, 'lead.x', CHANGE - H)?.id).toBe('b');
    expect(dutyOwed(own, 'LEAD.X', CHANGE - 9 * H)?.id).toBe('a');
    expect(dutyOwed(own, 'lead.x', CHANGE + 30 * 60_000)?.id).toBe('b');
    expect(dutyOwed(own, 'lead.y', CHANGE)).toBeUndefined();
    expect(dutyOwed([own[1]], 'lead.x', CHANGE + 13 * H)).toBeUndefined();
  });
});

describe('the prefill', () => {
  const from = CHANGE - 8 * H;
  const alert = (id: string, overrides: Partial<Alert>): Alert => makeAlert(id, { teamId: 'T1', openedAt: from + H, ...overrides });

  it('counts the teams\' alerts opened in the shift, lists the live ones, most severe first', () => {
    const opened = [
      alert('in-1', {}),
      alert('in-2', { status: 'resolved', resolvedAt: from + 2 * H, rule: 'greeting' }),
      alert('in-3', { status: 'resolved', resolvedAt: CHANGE + H }),
      alert('other-team', { teamId: 'T9' }),
      alert('no-team', { teamId: undefined }),
      alert('before', { openedAt: from - 1 }),
      alert('absent', { rule: 'absence', agentId: '1003' }),
      alert('absent-again', { rule: 'absence', agentId: '1003', openedAt: from + 3 * H }),
    ];
    const live = [alert('old-warning', { openedAt: from - 5 * H }), alert('crit', { severity: 'critical', openedAt: from + 4 * H }), alert('gone', { status: 'resolved' })];
    const prefill = buildPrefill({ from, to: CHANGE, asOf: CHANGE, teamIds: ['T1', 'T2'], opened, live, intervals: [] });
    expect(prefill).toMatchObject({
      alertsOpened: 5, alertsResolved: 1, byRule: { 'answer-3-rings': 2, greeting: 1, absence: 2 }, absences: ['1003'],
      calls: { offered: 0, answered: 0, abandoned: 0, serviceLevel: null }, adherencePercent: null,
    });
    expect(prefill.open.map((a) => a.id)).toEqual(['crit', 'old-warning']);
  });

  it('sums the 15-minute intervals inside the shift, and averages the teams\' adherence', () => {
    // The calls offered in each interval, and what became of those calls (the interval's own answers are other calls').
    const interval = (start: number, answered: number, inThreshold: number, abandoned: number) => ({
      start, offered: answered + abandoned + 1, answered: 99, answeredInThreshold: 99, abandoned: 99, maxWaiting: 1,
      offeredAnswered: answered, offeredAnsweredInThreshold: inThreshold, offeredAbandoned: abandoned,
    });
    const prefill = buildPrefill({
      from, to: CHANGE, asOf: CHANGE, teamIds: ['T1', 'T2'], opened: [], live: [],
      intervals: [interval(from - 15 * 60_000, 50, 50, 0), interval(from, 8, 6, 2), interval(CHANGE - 15 * 60_000, 10, 9, 0), interval(CHANGE, 40, 0, 40)],
      adherence: [
        { teamId: 'T1', scheduledNow: 3, outOfAdherence: 1, percent: 90 },
        { teamId: 'T2', scheduledNow: 0, outOfAdherence: 0, percent: null },
        { teamId: 'T3', scheduledNow: 2, outOfAdherence: 2, percent: 10 },
      ],
    });
    expect(prefill.calls).toEqual({ offered: 22, answered: 18, abandoned: 2, serviceLevel: 15 / 20, intervalsFrom: from, intervalsTo: CHANGE });
    expect(prefill.adherencePercent).toBe(90);
  });

  it('refers to an alert by its title code and figures, without the call\'s id', () => {
    const ref = alertRef(alert('unrecorded', { titleCode: 'wrap-up-record.unrecorded', titleParams: { agent: '1001', call: 'pbx-77' } }));
    expect(ref).toMatchObject({ titleCode: 'wrap-up-record.unrecorded', titleParams: { agent: '1001' } });
    expect(ref.titleParams).not.toHaveProperty('call');
  });

  describe('counts the calls of the whole 15-minute intervals at least half inside the shift', () => {
    const q = 15 * 60_000;
    const at = (time: string) => Date.parse(`2026-11-28T${time.length === 5 ? `${time}:00` : time}+08:00`);
    // One call offered in each quarter hour of the afternoon and evening, so the count says which intervals were taken.
    const intervals = Array.from({ length: 40 }, (_, k) => ({
      start: at('12:00') + k * q, offered: 1, answered: 1, answeredInThreshold: 1, abandoned: 0, maxWaiting: 1,
    }));
    const calls = (from: string, to: string) => buildPrefill({ from: at(from), to: at(to), asOf: at(to), teamIds: ['T1'], opened: [], live: [], intervals }).calls;

    it.each([
      // The shift of the review: 18:45-19:00 is 11 minutes inside it, 19:00-19:15 fourteen.
      ['18:49', '19:14', '18:45', '19:15'],
      // 16:15-16:30 has 4 of its minutes in the shift, 16:45-17:00 six: neither counts.
      ['16:26', '16:51', '16:30', '16:45'],
      // Exactly half inside counts.
      ['16:22:30', '17:07:30', '16:15', '17:15'],
    ])('a shift %s-%s counts %s to %s', (from, to, intervalsFrom, intervalsTo) => {
      const c = calls(from, to);
      expect(c).toMatchObject({ intervalsFrom: at(intervalsFrom), intervalsTo: at(intervalsTo) });
      expect(c.offered).toBe((at(intervalsTo) - at(intervalsFrom)) / q);
    });

    it('counts from the shift\'s first interval in a draft made early in the shift', () => {
      // At 18:57 only the 18:45 interval has calls: they are the shift's, not nothing.
      const early = buildPrefill({
        from: at('18:49'), to: at('19:14'), asOf: at('18:57'), teamIds: ['T1'], opened: [], live: [],
        intervals: [{ start: at('18:30'), offered: 9, answered: 9, answeredInThreshold: 9, abandoned: 0, maxWaiting: 1, offeredAnswered: 9, offeredAnsweredInThreshold: 9, offeredAbandoned: 0 },
          { start: at('18:45'), offered: 5, answered: 4, answeredInThreshold: 4, abandoned: 1, maxWaiting: 1, offeredAnswered: 4, offeredAnsweredInThreshold: 3, offeredAbandoned: 1 }],
      });
      expect(early.calls).toEqual({ offered: 5, answered: 4, abandoned: 1, serviceLevel: 3 / 5, intervalsFrom: at('18:45'), intervalsTo: at('19:15') });
    });

    it('takes the interval a shift too short for half of any overlaps most, the earlier of two alike', () => {
      expect(calls('16:27', '16:36')).toMatchObject({ offered: 1, intervalsFrom: at('16:30'), intervalsTo: at('16:45') });
      expect(calls('16:26', '16:34')).toMatchObject({ offered: 1, intervalsFrom: at('16:15'), intervalsTo: at('16:30') });
      expect(calls('16:31', '16:32')).toMatchObject({ offered: 1, intervalsFrom: at('16:30'), intervalsTo: at('16:45') });
      // However few calls there were: the span is the window's quarter hours, not the intervals that saw a call.
      expect(buildPrefill({ from: at('16:26'), to: at('16:51'), asOf: at('16:51'), teamIds: ['T1'], opened: [], live: [], intervals: [] }).calls)
        .toEqual({ offered: 0, answered: 0, abandoned: 0, serviceLevel: null, intervalsFrom: at('16:30'), intervalsTo: at('16:45') });
    });
  });
});
