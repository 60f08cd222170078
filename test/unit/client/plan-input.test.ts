/**
 * The work pages' pure rules: centre-local times to epoch ms and back (a night shift ends
 * the next day), breaks in the import's words, the shift and lead-duty forms' checks and
 * request bodies, the import's content type, quarters, a manual points entry, and the
 * handover search's day bounds. Times are in Asia/Shanghai (UTC+8), whatever the machine's zone.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { checkLead, checkShift, formFieldOf, leadValues, shiftValues, splitTeams, type ShiftValues } from '../../../client/src/schedule/plan-input.js';
import { datesOf, formatBreaks, parseBreaks, spanOf, spanText, toEpoch, windowOf } from '../../../client/src/schedule/plan-time.js';
import { contentTypeOf } from '../../../client/src/schedule/schedule-api.js';
import { stepQuarter } from '../../../client/src/points/quarter.js';
import { checkEntry } from '../../../client/src/points/ManualEntryForm.js';
import { searchOf } from '../../../client/src/handover/HandoverHistory.js';
import { searchQuery } from '../../../client/src/handover/handover-api.js';

const TZ = 'Asia/Shanghai';
const t = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars);
const ms = (iso: string) => Date.parse(iso);

describe('centre-local times', () => {
  it('reads a date and time in the centre\'s zone', () => {
    expect(toEpoch('2026-11-28', '08:00', TZ)).toBe(ms('2026-11-28T08:00:00+08:00'));
    expect(toEpoch('2026-11-28', '8:05', TZ)).toBe(ms('2026-11-28T08:05:00+08:00'));
    expect(toEpoch('2026-11-28', '24:00', TZ)).toBeNull();
    expect(toEpoch('28/11/2026', '08:00', TZ)).toBeNull();
  });

  it('ends a night shift the next morning, and refuses an end equal to the start', () => {
    expect(spanOf('2026-11-28', '22:00', '06:00', TZ)).toEqual({ start: ms('2026-11-28T22:00:00+08:00'), end: ms('2026-11-29T06:00:00+08:00') });
    expect(spanOf('2026-11-28', '08:00', '08:00', TZ)).toBeNull();
    expect(spanText({ start: ms('2026-11-28T22:00:00+08:00'), end: ms('2026-11-29T06:00:00+08:00') }, TZ)).toBe('22:00–06:00 +1');
  });

  it('asks for a day or a week from the centre\'s midnight', () => {
    expect(windowOf('day', '2026-11-28', TZ)).toEqual({ from: ms('2026-11-28T00:00:00+08:00'), to: ms('2026-11-29T00:00:00+08:00') });
    expect(windowOf('week', '2026-11-28', TZ).to).toBe(ms('2026-12-05T00:00:00+08:00'));
    expect(datesOf('week', '2026-11-28')).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  });
});

describe('breaks in the import\'s words', () => {
  const day = { start: ms('2026-11-28T08:00:00+08:00'), end: ms('2026-11-28T16:00:00+08:00') };
  const night = { start: ms('2026-11-28T22:00:00+08:00'), end: ms('2026-11-29T06:00:00+08:00') };

  it('parses them in order and writes them back the same way', () => {
    const parsed = parseBreaks('12:00-12:45 meal; 10:00-10:15 break', day, TZ);
    expect(parsed).toEqual({
      ok: true,
      breaks: [
        { kind: 'break', start: ms('2026-11-28T10:00:00+08:00'), end: ms('2026-11-28T10:15:00+08:00') },
        { kind: 'meal', start: ms('2026-11-28T12:00:00+08:00'), end: ms('2026-11-28T12:45:00+08:00') },
      ],
    });
    expect(parsed.ok && formatBreaks(parsed.breaks, TZ)).toBe('10:00-10:15 break; 12:00-12:45 meal');
  });

  it('places a break after midnight on a night shift on the next day', () => {
    const parsed = parseBreaks('02:00-02:30 meal', night, TZ);
    expect(parsed).toEqual({ ok: true, breaks: [{ kind: 'meal', start: ms('2026-11-29T02:00:00+08:00'), end: ms('2026-11-29T02:30:00+08:00') }] });
  });

  it('names the part that is wrong, and why', () => {
    expect(parseBreaks('10:00 break', day, TZ)).toEqual({ ok: false, part: '10:00 break', problem: 'format' });
    expect(parseBreaks('10:00-10:15 nap', day, TZ)).toEqual({ ok: false, part: '10:00-10:15 nap', problem: 'kind' });
    expect(parseBreaks('10:00-10:15 break; 17:00-17:15 break', day, TZ)).toEqual({ ok: false, part: '17:00-17:15 break', problem: 'outside' });
  });
});

describe('the shift and lead-duty forms', () => {
  const values: ShiftValues = {
    agentId: ' 1001 ', name: 'Li Na', date: '2026-11-28', start: '08:00', end: '16:00', stationId: 'S-01', teamId: 'T1',
    breaks: '10:00-10:15 break; 12:00-12:45 meal',
  };

  it('builds the PUT body with epoch times and the contract\'s default id', () => {
    const start = ms('2026-11-28T08:00:00+08:00');
    expect(checkShift(values, TZ, t)).toEqual({
      ok: true,
      id: `1001@${start}`,
      input: {
        id: `1001@${start}`, agentId: '1001', name: 'Li Na', start, end: ms('2026-11-28T16:00:00+08:00'), stationId: 'S-01', teamId: 'T1',
        breaks: [
          { kind: 'break', start: ms('2026-11-28T10:00:00+08:00'), end: ms('2026-11-28T10:15:00+08:00') },
          { kind: 'meal', start: ms('2026-11-28T12:00:00+08:00'), end: ms('2026-11-28T12:45:00+08:00') },
        ],
      },
    });
  });

  it('keeps the id of the shift being edited, and reads it back into the form', () => {
    const checked = checkShift(values, TZ, t);
    if (!checked.ok) throw new Error('expected a valid shift');
    const stored = { ...checked.input, id: 'wfm-77', breaks: checked.input.breaks ?? [] } as Parameters<typeof shiftValues>[0] & object;
    expect(shiftValues(stored, TZ, '2026-01-01')).toEqual({ ...values, agentId: '1001' });
    const edited = checkShift({ ...values, start: '09:00' }, TZ, t, stored);
    expect(edited.ok && edited.id).toBe('wfm-77');
  });

  it('names every wrong field, and leaves out empty optional ones', () => {
    const bad = checkShift({ ...values, agentId: '', end: '8:00 pm', breaks: 'lunch' }, TZ, t);
    expect(bad).toEqual({ ok: false, errors: { agentId: 'Enter the agent number.', end: 'Enter a time such as 08:00.' } });
    const breaks = checkShift({ ...values, breaks: 'lunch' }, TZ, t);
    expect(breaks.ok === false && breaks.errors.breaks).toMatch(/Cannot read “lunch”/);
    const bare = checkShift({ ...values, name: '', stationId: ' ', teamId: '', breaks: '' }, TZ, t);
    expect(bare.ok && Object.keys(bare.input).sort()).toEqual(['agentId', 'breaks', 'end', 'id', 'start']);
  });

  it('checks a lead duty: teams split like the import, an account like a username', () => {
    const start = ms('2026-11-28T07:40:00+08:00');
    const ok = checkLead({ leadId: '9001', name: 'Wang Fang', account: 'lead.wang', date: '2026-11-28', start: '07:40', end: '16:00', teams: 'T1, T2 T1' }, TZ, t);
    expect(ok).toEqual({
      ok: true, id: `lead:9001@${start}`,
      input: { id: `lead:9001@${start}`, leadId: '9001', name: 'Wang Fang', account: 'lead.wang', teamIds: ['T1', 'T2'], start, end: ms('2026-11-28T16:00:00+08:00') },
    });
    const bad = checkLead({ ...leadValues(undefined, TZ, '2026-11-28'), leadId: '9002', account: 'wang fang', teams: ' ' }, TZ, t);
    expect(bad.ok === false && Object.keys(bad.errors).sort()).toEqual(['account', 'teams']);
    expect(splitTeams('T1，T2、T3  T1')).toEqual(['T1', 'T2', 'T3']);
  });

  it('maps the server\'s field names onto the form\'s', () => {
    expect(formFieldOf('breaks.1.end')).toBe('breaks');
    expect(formFieldOf('teamIds.0')).toBe('teams');
    expect(formFieldOf('stationId')).toBe('stationId');
    expect(formFieldOf(undefined)).toBeUndefined();
  });
});

describe('the import\'s content type', () => {
  it('goes by the file name, else by what the text looks like', () => {
    expect(contentTypeOf('plan.CSV', 'shifts: []')).toBe('text/csv');
    expect(contentTypeOf('plan.yml', '')).toBe('application/yaml');
    expect(contentTypeOf('plan.json', '')).toBe('application/json');
    expect(contentTypeOf('export', 'leads:\n  - lead: 9001')).toBe('application/yaml');
    expect(contentTypeOf('export', '{"shifts":[]}')).toBe('application/json');
    expect(contentTypeOf('export', 'kind,agent,name,date,start,end')).toBe('text/csv');
  });
});

describe('quarters, points entries and the handover search', () => {
  it('steps quarters across years', () => {
    expect(stepQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(stepQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(stepQuarter('2026-Q2', -5)).toBe('2025-Q1');
    expect(stepQuarter('nonsense', 1)).toBe('nonsense');
  });

  it('sends a chosen value only for items with choices, and the day at noon centre time', () => {
    const base = { agentId: '1001', points: '', reason: ' Second in the bank\'s contest ', evidence: 'cert-12\n, memo 3', date: '' };
    expect(checkEntry({ ...base, item: 'technical-expert', points: '6' }, TZ, t)).toEqual({
      ok: true, input: { agentId: '1001', item: 'technical-expert', points: 6, reason: 'Second in the bank\'s contest', evidence: ['cert-12', 'memo 3'] },
    });
    expect(checkEntry({ ...base, item: 'posture', points: '-1', date: '2026-11-27' }, TZ, t)).toEqual({
      ok: true, input: { agentId: '1001', item: 'posture', reason: 'Second in the bank\'s contest', evidence: ['cert-12', 'memo 3'], at: ms('2026-11-27T12:00:00+08:00') },
    });
    expect(checkEntry({ ...base, item: 'technical-expert', points: '5' }, TZ, t)).toEqual({ ok: false, errors: { points: 'Choose 10, 6, 3 points.' } });
    expect(checkEntry({ ...base, agentId: ' ', item: '', reason: '' }, TZ, t)).toEqual({
      ok: false, errors: { agentId: 'Enter the agent number.', item: 'Choose the item.', reason: 'Say why.' },
    });
  });

  it('searches handovers from the centre\'s midnight through the whole last day', () => {
    const s = searchOf({ q: ' swallowed ', teamId: 'T1', fromDate: '2026-11-27', toDate: '2026-11-28', status: 'confirmed' }, TZ);
    expect(s).toEqual({ q: ' swallowed ', teamId: 'T1', status: 'confirmed', from: ms('2026-11-27T00:00:00+08:00'), to: ms('2026-11-29T00:00:00+08:00') });
    expect(Object.fromEntries(new URLSearchParams(searchQuery(s)))).toEqual({
      q: 'swallowed', teamId: 'T1', status: 'confirmed', from: String(ms('2026-11-27T00:00:00+08:00')), to: String(ms('2026-11-29T00:00:00+08:00')),
    });
    expect(searchQuery(searchOf({ q: '', teamId: '', fromDate: '', toDate: 'x', status: '' }, TZ))).toBe('');
  });
});
