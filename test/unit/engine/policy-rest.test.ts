/**
 * Art. 88 (话务低谷期时，允许客服代表将话机摘下): off-hook rest in a low-traffic period is
 * allowed, with no time limit. It is not leaving the seat (105.11): no cap and no deduction
 * by default; a site's own cap still alerts, without the deduction.
 */
import { describe, expect, it } from 'vitest';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { min, ms, PlanHarness, shift, upsert } from './plan-harness.js';

describe('off-hook rest while no call waits (art. 88)', () => {
  it('is neither capped nor deducted by default', () => {
    expect(defaultRulesConfig().rules['away-without-reason'].maxSeconds.rest).toBeUndefined();
    const h = new PlanHarness();
    h.login(0, '1001');
    h.notReady(10, '1001', 'rest');
    h.tick(670);
    h.tick(10 + 4 * 3600);
    expect(h.of('away-without-reason')).toHaveLength(0);
    expect(h.of('rest-off-hook')).toHaveLength(0);
    expect(h.points).toHaveLength(0);
    h.ready(10 + 4 * 3600 + 1, '1001');
    expect(h.compliance('away-without-reason')).toEqual({ passed: 1, failed: 0 });
  });

  it('is not capped for an agent on shift either', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([shift('1001', 0, min(480))]));
    h.login(0, '1001');
    h.notReady(min(60), '1001', 'rest');
    h.tick(min(120));
    expect(h.of('away-without-reason')).toHaveLength(0);
    expect(h.points).toHaveLength(0);
  });

  it('a cap the site sets still alerts, but proposes no 105.11 deduction', () => {
    const h = new PlanHarness((r) => { r.rules['away-without-reason'].maxSeconds.rest = 900; });
    h.login(0, '1001');
    h.notReady(10, '1001', 'rest');
    h.tick(909);
    expect(h.of('away-without-reason')).toHaveLength(0);
    h.tick(910);
    const [alert] = h.open('away-without-reason');
    expect(alert).toMatchObject({ agentId: '1001', openedAt: ms(910) });
    expect(alert.title).toBe('Agent 1001 on rest longer than 900 s (the site\'s limit; art. 88 sets none)');
    expect(h.points).toHaveLength(0);
    h.ready(1000, '1001');
    expect(h.alerts.get(alert.id)?.status).toBe('resolved');
    expect(h.compliance('away-without-reason')).toEqual({ passed: 0, failed: 1 });
    // Other reasons past their length still propose the leaving-seat deduction.
    h.notReady(1010, '1001', 'other');
    h.tick(1310);
    expect(h.pointsOf('leaving-seat')).toEqual([expect.objectContaining({ points: -2, article: '105.11', at: ms(1310) })]);
  });
});
