/**
 * The plan file of `replay --schedule` (and `import --schedule`): its format from its name,
 * read in the centre's zone by the import's own parser; a bad file refused as a whole with
 * every problem naming its row (or list item) and field.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScheduleFile, scheduleFormatOf } from '../../../server/replay/read-schedule-file.js';

const fixtures = path.join(import.meta.dirname, '../../fixtures');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-replay-plan-'));
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('readScheduleFile', () => {
  it('reads the fixture plan in the centre zone: three shifts and a lead duty', () => {
    const out = readScheduleFile(path.join(fixtures, 'one-breach-each.schedule.csv'), 'Asia/Shanghai');
    if (!out.ok) throw new Error(out.problems.join('\n'));
    expect(out.plan.shifts.map((s) => [s.agentId, s.stationId, new Date(s.start).toISOString()])).toEqual([
      ['1014', 'S-1014', '2026-11-27T01:00:00.000Z'],
      ['1015', 'S-1015', '2026-11-27T01:00:00.000Z'],
      ['1016', 'S-1015', '2026-11-27T01:20:00.000Z'],
    ]);
    expect(out.plan.leads).toMatchObject([{ leadId: '9001', teamIds: ['C'], start: Date.parse('2026-11-27T09:15:00+08:00') }]);
  });

  it('places clock times in the zone it is given (the rules file\'s)', () => {
    const out = readScheduleFile(path.join(fixtures, 'one-breach-each.schedule.csv'), 'Europe/London');
    if (!out.ok) throw new Error(out.problems.join('\n'));
    expect(new Date(out.plan.shifts[0].start).toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('refuses a bad CSV whole, naming each row and column', () => {
    const out = readScheduleFile(path.join(fixtures, 'schedule/bad.csv'), 'Asia/Shanghai');
    if (out.ok) throw new Error('expected the file to be refused');
    const file = path.join(fixtures, 'schedule/bad.csv');
    expect(out.problems).toContain(`${file}: row 3: date: 2026-11-31 is not a calendar date`);
    expect(out.problems.some((p) => p.startsWith(`${file}: row 6: agent: `))).toBe(true);
    expect(out.problems.some((p) => p.startsWith(`${file}: row 7: kind: `))).toBe(true);
    expect(out.problems.every((p) => /^.+: row \d+: [^:]+: .+/.test(p))).toBe(true);
  });

  it('names the list and item in YAML, and the file for a problem of the whole file', () => {
    const yaml = write('plan.yml', 'shifts:\n  - { agent: 1001, date: 2026-11-27, start: "09:00", end: "17:00" }\n  - { agent: 1002, date: 2026-11-27, start: "9 am", end: "17:00" }\n');
    const bad = readScheduleFile(yaml, 'Asia/Shanghai');
    if (bad.ok) throw new Error('expected the file to be refused');
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^${yaml.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: shifts item 2: start: `));
    const empty = readScheduleFile(write('empty.json', '{"shifts": [], "leads": []}'), 'Asia/Shanghai');
    expect(empty).toEqual({ ok: false, problems: [`${path.join(dir, 'empty.json')}: the file holds no shifts and no lead duties`] });
  });

  it('takes the format from the name, and refuses a name it cannot read, naming the option', () => {
    expect(scheduleFormatOf('a/plan.CSV')).toBe('csv');
    expect(scheduleFormatOf('plan.yml')).toBe('yaml');
    expect(scheduleFormatOf('plan.json')).toBe('json');
    expect(() => scheduleFormatOf('plan.txt')).toThrow('--schedule: name a .csv, .yaml, .yml or .json file, got plan.txt');
    expect(() => scheduleFormatOf('plan', '--plan')).toThrow(/^--plan: /);
  });
});
