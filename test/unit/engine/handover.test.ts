import { describe, expect, it } from 'vitest';
import type { FloorCommand } from '../../../shared/commands.js';
import { min, ms, PlanHarness } from './plan-harness.js';

const confirm = (teamIds: string[], handoverId = 'ho-1'): FloorCommand => ({
  type: 'handover.confirm', by: 'lead-a', handoverId, teamIds, toAccount: 'lead-b',
});

/** Team A: a critical urgent report by 1001, a warning on 1002 (not ready with no reason). Team B: a warning on 2001, a critical on 2002. */
function floorWithAlerts() {
  const h = new PlanHarness();
  h.login(0, '1001', 'A');
  h.login(0, '1002', 'A');
  h.login(0, '2001', 'B');
  h.login(0, '2002', 'B');
  h.at(10, 'urgent.reported', { agentId: '1001', summary: 'card reader swallowing cards at branch 12' });
  h.notReady(20, '1002');
  h.notReady(20, '2001');
  h.at(30, 'urgent.reported', { agentId: '2002', summary: 'ATM network down' });
  h.tick(min(5));
  const id = (agentId: string) => h.open().find((a) => a.agentId === agentId)!.id;
  return { h, critical: id('1001'), warningA: id('1002'), warningB: id('2001'), criticalB: id('2002') };
}

describe('handover confirmation (art. 81, 82)', () => {
  it('is refused while a critical alert of the teams is open, naming each one; nothing changes hands', () => {
    const { h, critical } = floorWithAlerts();
    const result = h.command(min(6), confirm(['A']));
    expect(result).toEqual({
      ok: false,
      field: 'alerts',
      alertIds: [critical],
      error: `Article 81: no handover while an exception is unresolved; critical alerts are open: ${critical} Urgent matter reported by agent 1001`,
      // The screen says it in its reader's language by the code (shared/problems.ts).
      code: 'handoverBlocked',
      params: { alerts: `${critical} Urgent matter reported by agent 1001` },
    });
    expect(h.open().every((a) => a.owner === undefined)).toBe(true);
    // Acknowledged is still live: it blocks too.
    h.command(min(7), { type: 'alert.acknowledge', alertId: critical, by: 'lead-a', note: 'calling the branch' });
    expect(h.command(min(8), confirm(['A']))).toMatchObject({ ok: false, alertIds: [critical] });
  });

  it('once the critical alert is resolved, every live alert of the named teams passes to the incoming lead, and only those', () => {
    const { h, critical, warningA, warningB } = floorWithAlerts();
    h.command(min(9), { type: 'alert.resolve', alertId: critical, by: 'lead-a', note: 'branch fixed it' });
    const result = h.command(min(10), confirm(['A'], 'ho-7'));
    expect(result).toEqual({ ok: true, value: { transferred: [warningA] } });
    const moved = h.alerts.get(warningA)!;
    expect(moved.owner).toEqual({ account: 'lead-b', teamIds: ['A'], since: ms(min(10)), handoverId: 'ho-7' });
    expect(moved.history.at(-1)).toEqual({
      at: ms(min(10)), action: 'handed-over', by: 'lead-a', note: 'to lead-b', noteCode: 'handedOver', noteParams: { account: 'lead-b' },
    });
    expect(moved.status).toBe('open'); // still the incoming team's problem to solve
    expect(h.alerts.get(warningB)?.owner).toBeUndefined();
    // The owner stays with the alert as it changes later.
    h.command(min(11), { type: 'alert.acknowledge', alertId: warningA, by: 'lead-b' });
    expect(h.alerts.get(warningA)?.owner?.account).toBe('lead-b');
  });

  it('a critical alert of another team does not block; several teams are handed over together', () => {
    const { h, critical, criticalB, warningA, warningB } = floorWithAlerts();
    h.command(min(9), { type: 'alert.resolve', alertId: critical, by: 'lead-a' });
    expect(h.command(min(10), confirm(['A']))).toMatchObject({ ok: true });
    expect(h.command(min(11), confirm(['A', 'B'], 'ho-2'))).toMatchObject({ ok: false, alertIds: [criticalB] });
    h.command(min(12), { type: 'alert.resolve', alertId: criticalB, by: 'lead-a' });
    expect(h.command(min(13), confirm(['A', 'B'], 'ho-2'))).toEqual({ ok: true, value: { transferred: [warningA, warningB] } });
    expect(h.alerts.get(warningA)?.owner?.handoverId).toBe('ho-2');
  });
});
