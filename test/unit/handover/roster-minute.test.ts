/**
 * A shift change is picked as a whole minute (the handover page's time picker), while a
 * plan posted with epoch times may carry seconds or milliseconds: the demo's lead duties
 * ended and began at 13:48:00.001, and the handover at 13:48 named no lead. The roster
 * matches the duties of the change's minute.
 */
import { describe, expect, it } from 'vitest';
import type { LeadShift } from '../../../shared/schedule.js';
import { leadsAtChange, rosterWindow } from '../../../server/handover/roster.js';

const H = 3600_000;
const MIN = 60_000;
const PICKED = Date.parse('2026-11-30T13:48:00+08:00');
const duty = (id: string, teamIds: string[], start: number, end: number): LeadShift => ({ id, leadId: id, account: `lead.${id}`, teamIds, start, end });

describe('the roster at a shift change picked to the minute', () => {
  const leads = [
    duty('out', ['team-01'], PICKED - 8 * H + 1, PICKED + 1),
    duty('in', ['team-01'], PICKED + 1, PICKED + 8 * H + 1),
  ];

  it('names the leads whose duties end and start within that minute', () => {
    expect(leadsAtChange(leads, PICKED, ['team-01'])).toMatchObject({ outgoing: { id: 'out' }, incoming: { id: 'in' } });
    const late = [duty('out2', ['team-01'], PICKED - 8 * H, PICKED + 59_999), duty('in2', ['team-01'], PICKED + 59_999, PICKED + 8 * H)];
    expect(leadsAtChange(late, PICKED, ['team-01'])).toMatchObject({ outgoing: { id: 'out2' }, incoming: { id: 'in2' } });
  });

  it('reads a window that holds them', () => {
    const { from, to } = rosterWindow(PICKED);
    expect(from).toBeLessThanOrEqual(PICKED - 8 * H);
    expect(to).toBeGreaterThan(PICKED + 59_999);
    expect(to).toBeLessThanOrEqual(PICKED + MIN);
  });

  it('does not take a duty of the minute before or after for one of the change', () => {
    const off = [duty('before', ['team-01'], PICKED - 8 * H, PICKED - 1), duty('after', ['team-01'], PICKED + MIN, PICKED + 8 * H)];
    expect(leadsAtChange(off, PICKED, ['team-01'])).toEqual({});
  });
});
