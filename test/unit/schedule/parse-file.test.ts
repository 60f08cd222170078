/**
 * Reading schedules: CSV and YAML/JSON files into the plan the engine gets, times placed
 * in the centre's zone, and every bad row named by row and field with nothing returned.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScheduleFile, type ParsedSchedule } from '../../../server/schedule/parse-file.js';
import type { RowError } from '../../../server/schedule/rows.js';
import { writeSchedule } from '../../../server/schedule/write-file.js';
import { fillTemplate } from '../../../shared/problems.js';
import { SCHEDULE_PROBLEMS } from '../../../shared/schedule-problems.js';

const SHANGHAI = 'Asia/Shanghai';
const fixture = (name: string): string => fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/schedule', name), 'utf8');
const at = (iso: string): number => Date.parse(iso);

function ok(text: string, format: 'csv' | 'yaml' | 'json', tz = SHANGHAI): ParsedSchedule {
  const result = parseScheduleFile(text, format, tz);
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

function errors(text: string, format: 'csv' | 'yaml' | 'json', tz = SHANGHAI): RowError[] {
  const result = parseScheduleFile(text, format, tz);
  if (result.ok) throw new Error('expected errors, got a plan');
  return result.errors;
}

describe('a good CSV day (test/fixtures/schedule/day.csv)', () => {
  const plan = ok(fixture('day.csv'), 'csv');

  it('reads every shift with its seat, team and breaks, local times in the centre zone', () => {
    expect(plan.shifts).toHaveLength(4);
    expect(plan.shifts[0]).toEqual({
      id: `1001@${at('2026-11-28T08:00:00+08:00')}`,
      agentId: '1001', name: 'Li Na', stationId: 'S-01', teamId: 'T1',
      start: at('2026-11-28T08:00:00+08:00'), end: at('2026-11-28T16:00:00+08:00'),
      breaks: [
        { kind: 'break', start: at('2026-11-28T10:00:00+08:00'), end: at('2026-11-28T10:15:00+08:00') },
        { kind: 'meal', start: at('2026-11-28T12:00:00+08:00'), end: at('2026-11-28T12:45:00+08:00') },
      ],
    });
  });

  it('defaults kind to shift and a break without its kind to a break, breaks in time order', () => {
    const chen = plan.shifts.find((s) => s.agentId === '2001')!;
    // Written as "20:00-20:15; 18:00-18:45 meal".
    expect(chen.breaks).toEqual([
      { kind: 'meal', start: at('2026-11-28T18:00:00+08:00'), end: at('2026-11-28T18:45:00+08:00') },
      { kind: 'break', start: at('2026-11-28T20:00:00+08:00'), end: at('2026-11-28T20:15:00+08:00') },
    ]);
  });

  it('takes an end earlier than the start as the next day, breaks after midnight included', () => {
    const chen = plan.shifts.find((s) => s.agentId === '2001')!;
    expect(chen.end).toBe(at('2026-11-29T00:00:00+08:00'));
    const zhou = plan.shifts.find((s) => s.agentId === '2002')!;
    expect([zhou.start, zhou.end]).toEqual([at('2026-11-28T22:00:00+08:00'), at('2026-11-29T06:00:00+08:00')]);
    expect(zhou.breaks).toEqual([
      { kind: 'break', start: at('2026-11-29T00:30:00+08:00'), end: at('2026-11-29T00:45:00+08:00') },
      { kind: 'meal', start: at('2026-11-29T03:00:00+08:00'), end: at('2026-11-29T03:40:00+08:00') },
    ]);
  });

  it('reads lead duties with their account and teams (space-separated, or a single team column)', () => {
    expect(plan.leads).toEqual([
      {
        id: `lead:9001@${at('2026-11-28T07:45:00+08:00')}`, leadId: '9001', account: 'lead.wang', name: 'Wang Fang',
        teamIds: ['T1', 'T2'], start: at('2026-11-28T07:45:00+08:00'), end: at('2026-11-28T16:00:00+08:00'),
      },
      {
        id: `lead:9002@${at('2026-11-28T15:45:00+08:00')}`, leadId: '9002', name: 'Liu Yang',
        teamIds: ['T2'], start: at('2026-11-28T15:45:00+08:00'), end: at('2026-11-29T00:00:00+08:00'),
      },
    ]);
  });

  it('covers the centre days the shifts start on, not the morning an overnight shift ends', () => {
    expect([plan.from, plan.to]).toEqual([at('2026-11-28T00:00:00+08:00'), at('2026-11-29T00:00:00+08:00')]);
  });

  it('reads the same plan from the YAML version of the day', () => {
    expect(ok(fixture('day.yaml'), 'yaml')).toEqual(plan);
  });

  it('writes back out as CSV, YAML and JSON that read into the very same plan', () => {
    for (const format of ['csv', 'yaml', 'json'] as const) {
      expect({ format, plan: ok(writeSchedule(plan, format, SHANGHAI), format) }).toEqual({ format, plan });
    }
  });
});

describe('time zones', () => {
  it('places the same clock times elsewhere in that zone, across a daylight-saving change', () => {
    const csv = 'agent,date,start,end\n1001,2026-10-31,22:00,06:00\n';
    const [night] = ok(csv, 'csv', 'America/New_York').shifts;
    // Summer time ends at 02:00 on 1 November: the night is nine hours long.
    expect(night.start).toBe(at('2026-10-31T22:00:00-04:00'));
    expect(night.end).toBe(at('2026-11-01T06:00:00-05:00'));
    expect(night.end - night.start).toBe(9 * 3600_000);
  });

  it('honours a time that carries its own offset, and full ISO times without a date', () => {
    const csv = 'agent,date,start,end\n1001,2026-11-28,00:00Z,08:00Z\n1002,,2026-11-28T09:00:00+09:00,2026-11-28T17:00:00+09:00\n';
    const [a, b] = ok(csv, 'csv').shifts;
    expect([a.start, a.end]).toEqual([at('2026-11-28T00:00:00Z'), at('2026-11-28T08:00:00Z')]);
    expect([b.start, b.end]).toEqual([at('2026-11-28T00:00:00Z'), at('2026-11-28T08:00:00Z')]);
  });

  it('reads JSON of the YAML shape, epoch milliseconds included', () => {
    const json = JSON.stringify({ shifts: [{ agent: '1001', start: at('2026-11-28T08:00:00+08:00'), end: '2026-11-28T16:00:00+08:00' }] });
    const [s] = ok(json, 'json').shifts;
    expect([s.start, s.end, s.breaks]).toEqual([at('2026-11-28T08:00:00+08:00'), at('2026-11-28T16:00:00+08:00'), []]);
  });
});

describe('a CSV with bad rows (test/fixtures/schedule/bad.csv)', () => {
  const found = errors(fixture('bad.csv'), 'csv');
  const at_ = (row: number) => found.filter((e) => e.row === row).map((e) => ({ field: e.field, message: e.message }));

  it('returns no plan and names each bad row and its column, in file order', () => {
    expect(found.map((e) => [e.row, e.field])).toEqual([
      [3, 'date'], [4, 'start'], [5, 'breaks'], [6, 'agent'], [7, 'kind'], [8, 'teams'], [9, 'breaks'], [10, 'start'],
    ]);
  });

  it('says what is wrong in words a planner understands', () => {
    expect(at_(3)[0].message).toMatch(/2026-11-31 is not a calendar date/);
    expect(at_(4)[0].message).toMatch(/"8 o'clock" is not a time/);
    expect(at_(6)[0].message).toMatch(/must not be empty/);
    expect(at_(7)[0].message).toMatch(/"nap" is neither shift nor lead/);
    expect(at_(8)[0].message).toMatch(/one team at least/);
    expect(at_(9)[0].message).toMatch(/"lunch" is not a kind of break/);
    expect(at_(10)[0].message).toMatch(/agent 1001 is already planned 2026-11-28 08:00-16:00 \(row 2\)/);
  });

  it('refuses a break outside its shift', () => {
    expect(at_(5)).toEqual([{ field: 'breaks', message: 'the break 07:30-07:45 is outside the shift 08:00-16:00' }]);
    const late = errors('agent,date,start,end,breaks\n1001,2026-11-28,08:00,16:00,15:45-16:15 break\n', 'csv');
    expect(late).toEqual([{
      row: 2, field: 'breaks', message: 'the break 15:45-16:15 is outside the shift 08:00-16:00',
      code: 'breakOutsideShift', params: { kind: 'break', start: '15:45', end: '16:15', shiftStart: '08:00', shiftEnd: '16:00' },
    }]);
  });

  it('names unknown, doubled and missing columns in the header', () => {
    expect(errors('agent,date,start,statoin\n1001,2026-11-28,08:00,S-01\n', 'csv')).toEqual([
      { row: 1, field: 'statoin', message: expect.stringMatching(/unknown column/), code: 'unknownColumn', params: { columns: expect.stringContaining('station') } },
      { row: 1, field: 'end', message: 'a required column is missing', code: 'columnMissing' },
    ]);
    expect(errors('agent,date,start,end,end\n', 'csv')[0]).toMatchObject({ row: 1, field: 'end', message: 'this column appears twice' });
    expect(errors('', 'csv')[0]).toMatchObject({ row: 1, field: '(header)' });
  });

  it('refuses a lead column on a shift row, a seat on a lead row, and too many values', () => {
    const csv = 'kind,agent,date,start,end,station,teams\nshift,1001,2026-11-28,08:00,16:00,S-01,T1\nlead,9001,2026-11-28,08:00,16:00,S-09,T1\nshift,1002,2026-11-28,08:00,16:00,S-02,,extra\n';
    expect(errors(csv, 'csv').map((e) => [e.row, e.field])).toEqual([[2, 'teams'], [3, 'station'], [4, '(row)']]);
  });

  it('refuses a shift that ends when it starts, and a clock time without a date', () => {
    expect(errors('agent,date,start,end\n1001,2026-11-28,08:00,08:00\n', 'csv')[0]).toMatchObject({ row: 2, field: 'end' });
    expect(errors('agent,start,end\n1001,08:00,16:00\n', 'csv')[0]).toMatchObject({ row: 2, field: 'date', message: expect.stringMatching(/required/) });
  });

  it('gives each problem a stable code and its parameters, the English filled from the code\'s template', () => {
    expect(found.map((e) => [e.row, e.code, e.params])).toEqual([
      [3, 'notACalendarDate', { text: '2026-11-31' }],
      [4, 'notATime', { text: "8 o'clock" }],
      [5, 'breakOutsideShift', { kind: 'break', start: '07:30', end: '07:45', shiftStart: '08:00', shiftEnd: '16:00' }],
      [6, 'empty', undefined],
      [7, 'notARowKind', { kind: 'nap' }],
      [8, 'noTeams', undefined],
      [9, 'notABreakKind', { kind: 'lunch' }],
      [10, 'agentOverlap', { who: '1001', where: 'row 2', row: 2, date: '2026-11-28', start: '08:00', end: '16:00' }],
    ]);
    for (const e of found) expect(e.message, e.code).toBe(fillTemplate(SCHEDULE_PROBLEMS[e.code], e.params));
  });

  it('says which end of a break a time problem is about', () => {
    const [problem] = errors('agent,date,start,end,breaks\n1001,2026-11-28,08:00,16:00,10:00-10:00 break\n', 'csv');
    expect(problem).toEqual({
      row: 2, field: 'breaks', code: 'sameAsStart', params: { text: '10:00' }, part: 'breakEnd',
      message: 'break end: "10:00" is the same time as the start',
    });
  });

  it('names the line of an unreadable CSV', () => {
    expect(errors('agent,date,start,end\n1001,"2026-11-28,08:00,16:00\n', 'csv')[0]).toMatchObject({ field: '(row)', message: expect.stringMatching(/not readable as CSV/) });
  });
});

describe('YAML with bad items', () => {
  it('names the list, the item number and the key', () => {
    const yaml = [
      'shifts:',
      '  - { agent: 1001, date: 2026-11-28, start: "08:00", end: "16:00" }',
      '  - { agent: 1002, date: 2026-11-28, start: "08:00", end: "16:00", statoin: S-02 }',
      '  - { agent: 1003, date: 2026-11-28, start: "08:00", end: "16:00", breaks: [{ start: "10:00", end: "10:15" }, { kind: meal, start: "17:00", end: "17:30" }] }',
      'leads:',
      '  - { lead: 9001, date: 2026-11-28, start: "07:45", end: "16:00" }',
    ].join('\n');
    expect(errors(yaml, 'yaml')).toEqual([
      { row: 2, section: 'shifts', field: 'statoin', message: 'unknown key', code: 'unknownKey' },
      {
        row: 3, section: 'shifts', field: 'breaks[2]', message: 'the meal 17:00-17:30 is outside the shift 08:00-16:00',
        code: 'breakOutsideShift', params: { kind: 'meal', start: '17:00', end: '17:30', shiftStart: '08:00', shiftEnd: '16:00' },
      },
      { row: 1, section: 'leads', field: 'teams', message: 'required', code: 'required' },
    ]);
  });

  it('says a key left out or blank is required, and text given as a list is not text', () => {
    const yaml = [
      'shifts:',
      '  - { date: 2026-11-28, start: "08:00", end: "16:00" }',
      '  - { agent: [1001], date: 2026-11-28, start: "08:00", end: "16:00" }',
      '  - { agent: 1003, date: 2026-11-28, start: , end: "16:00" }',
      '  - { agent: 1004, date: 2026-11-28, start: "08:00", end: "16:00", breaks: [{ end: "10:15" }] }',
      '  - 5',
    ].join('\n');
    expect(errors(yaml, 'yaml').map((e) => [e.row, e.field, e.code, e.message])).toEqual([
      [1, 'agent', 'required', 'required'],
      [2, 'agent', 'notTextOrNumber', 'must be text or a number'],
      [3, 'start', 'required', 'required'],
      [4, 'breaks[1].start', 'required', 'required'],
      [5, '(item)', 'notAnItem', 'each item must be a mapping of keys (agent, start, end...)'],
    ]);
  });

  it('takes a team written as a bare number, and codes the shared schema\'s own limits', () => {
    const lead = ok('leads:\n  - { lead: 9001, date: 2026-11-28, start: "08:00", end: "16:00", teams: 12 }\n', 'yaml').leads[0];
    expect(lead.teamIds).toEqual(['12']);
    const long = 'x'.repeat(201);
    const found = errors(`shifts:\n  - { agent: 1001, name: ${long}, date: 2026-11-28, start: "08:00", end: "16:00" }\n`, 'yaml');
    expect(found.map((e) => [e.field, e.code])).toEqual([['name', 'tooLong']]);
  });

  it('says which kind of value a key wanted, in a code the schedule page translates', () => {
    const yaml = [
      'shifts:',
      '  - { agent: 1001, date: 2026-11-28, start: "08:00", end: "16:00", breaks: "10:00-10:15" }',
      '  - { agent: 1002, date: 2026-11-28, start: "08:00", end: "16:00", breaks: [5] }',
      '  - { agent: 1003, date: 2026-11-28, start: "08:00", end: "16:00", breaks: [{ kind: 5, start: "10:00", end: "10:15" }] }',
    ].join('\n');
    expect(errors(yaml, 'yaml').map((e) => [e.row, e.field, e.code, e.message])).toEqual([
      [1, 'breaks', 'notAList', 'must be a list'],
      [2, 'breaks[1]', 'notAMapping', 'must be a mapping of keys'],
      [3, 'breaks[1].kind', 'notText', 'must be text'],
    ]);
  });

  it('explains a file that is not a schedule at all', () => {
    expect(errors('shfits: []\n', 'yaml')[0]).toMatchObject({ field: '(file)', message: expect.stringMatching(/unknown top-level key shfits/) });
    for (const notAMapping of ['- just\n- a list\n', 'hello\n']) {
      expect(errors(notAMapping, 'yaml')).toEqual([
        { row: 0, field: '(file)', code: 'fileNotAMapping', message: 'a schedule is a mapping with shifts and leads lists' },
      ]);
    }
    expect(errors('[1]', 'json')[0]).toMatchObject({ code: 'fileNotAMapping' });
    expect(errors('shifts: 5\n', 'yaml')).toEqual([
      { row: 0, field: '(file)', code: 'sectionNotAList', params: { key: 'shifts' }, message: 'shifts must be a list of items' },
    ]);
    expect(errors('leads: { a: 1 }\n', 'yaml')[0]).toMatchObject({ code: 'sectionNotAList', params: { key: 'leads' } });
    expect(errors('shifts: [\n', 'yaml')[0]).toMatchObject({ field: '(file)', message: expect.stringMatching(/not valid YAML/) });
    expect(errors('{"shifts": ', 'json')[0]).toMatchObject({ field: '(file)', message: expect.stringMatching(/not valid JSON/) });
    expect(errors('shifts: []\nleads: []\n', 'yaml')[0]).toMatchObject({ field: '(file)', message: expect.stringMatching(/no shifts/) });
  });
});
