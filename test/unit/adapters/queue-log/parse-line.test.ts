import { describe, expect, it } from 'vitest';
import { splitCsvRow } from '../../../../server/adapters/queue-log/csv-row.js';
import { csvLayoutFromHeader, parseCsvRow, parsePipeLine } from '../../../../server/adapters/queue-log/parse-line.js';

describe('parsePipeLine', () => {
  it('reads the fields and keeps every data field', () => {
    const r = parsePipeLine('1795827613|1795827610.1|sales|SIP/1001|CONNECT|3|1795827611.2|2\r');
    expect(r).toEqual({ ok: true, record: {
      timeMs: 1795827613000, callId: '1795827610.1', queue: 'sales', agent: 'SIP/1001', event: 'CONNECT',
      data: ['3', '1795827611.2', '2'],
    } });
  });

  it('takes a line with no data fields, and empty ids as NONE', () => {
    const r = parsePipeLine('1795827600||||QUEUESTART');
    expect(r.ok && r.record).toMatchObject({ callId: 'NONE', queue: 'NONE', agent: 'NONE', data: [] });
  });

  it.each([
    ['', 'empty line'],
    ['17958276', 'truncated'],
    ['1795827613|1795827610.1|sales', 'truncated'],
    ['abc|def|ghi|jkl|CONNECT|1', 'time'],
    ['1795827613|x|sales|SIP/1|conn ect', 'not an event name'],
  ])('rejects %j with a reason', (line, reason) => {
    const r = parsePipeLine(line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('parseCsvRow (the database form)', () => {
  it('reads local times in the PBX zone, drops the empty data tail', () => {
    const r = parseCsvRow('2026-11-28 09:00:13.500000,1795827610.1,sales,PJSIP/1001,CONNECT,3,1795827611.2,2,,', { timeZone: 'Asia/Shanghai' });
    expect(r.ok && r.record).toMatchObject({ timeMs: 1795827613500, event: 'CONNECT', data: ['3', '1795827611.2', '2'] });
  });

  it('reads epoch times and quoted fields', () => {
    const r = parseCsvRow('1795827601,NONE,sales,PJSIP/1001,PAUSE,"Lunch, ""long""",,,,');
    expect(r.ok && r.record).toMatchObject({ timeMs: 1795827601000, data: ['Lunch, "long"'] });
  });

  it('follows a header that reorders columns and has one combined data column', () => {
    const layout = csvLayoutFromHeader('id,event,time,queuename,callid,agent,data');
    expect(layout).toBeDefined();
    const r = parseCsvRow('7,CONNECT,1795827613,sales,1795827610.1,SIP/1001,3|1795827611.2|2', { layout });
    expect(r.ok && r.record).toMatchObject({ event: 'CONNECT', queue: 'sales', data: ['3', '1795827611.2', '2'] });
    expect(csvLayoutFromHeader('1795827613,x,sales,SIP/1,CONNECT')).toBeUndefined();
  });

  it('reports an unterminated quote and a bad time', () => {
    expect(parseCsvRow('1795827601,NONE,sales,"PJSIP/1001,PAUSE').ok).toBe(false);
    expect(parseCsvRow('yesterday,NONE,sales,PJSIP/1001,PAUSE')).toMatchObject({ ok: false });
  });
});

describe('splitCsvRow', () => {
  it('splits plain, quoted and empty fields', () => {
    expect(splitCsvRow('a,"b,c",,"d""e"')).toEqual({ ok: true, fields: ['a', 'b,c', '', 'd"e'] });
    expect(splitCsvRow('')).toEqual({ ok: true, fields: [''] });
  });
});
