/**
 * A lead's note on a longer-hold approval (art. 67) stays with the alert it answers, not
 * only in the audit log: the alert desk shows it beside the approval.
 */
import { describe, expect, it } from 'vitest';
import { EngineHarness } from '../../helpers/engine-harness.js';

function breached(): { h: EngineHarness; alertId: string } {
  const h = new EngineHarness();
  h.login(0, '1001');
  h.answeredCall(1, 'c1', '1001');
  h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true, reason: 'checking' });
  h.tick(70);
  const [alert] = h.open('hold-consent');
  return { h, alertId: alert.id };
}

describe('a longer hold approved with a note', () => {
  it('keeps the note on the approval in the alert\'s history, the alert resolved by it', () => {
    const { h, alertId } = breached();
    const result = h.command(75, { type: 'hold.approve', callId: 'c1', seconds: 120, by: 'lead-7', note: 'card team is checking the statement' });
    expect(result?.ok).toBe(true);
    const alert = h.alerts.get(alertId)!;
    expect(alert.status).toBe('resolved');
    expect(alert.history.filter((e) => e.action === 'hold-approved')).toEqual([
      expect.objectContaining({ by: 'lead-7', note: '120 s', comment: 'card team is checking the statement' }),
    ]);
  });

  it('adds nothing to the alert when the approval is refused (no longer than the hold so far)', () => {
    const { h, alertId } = breached();
    const before = h.alerts.get(alertId)!.history.length;
    expect(h.command(75, { type: 'hold.approve', callId: 'c1', seconds: 30, by: 'lead-7', note: 'fine, finish up' })?.ok).toBe(false);
    const alert = h.alerts.get(alertId)!;
    expect(alert.status).toBe('open');
    expect(alert.history).toHaveLength(before);
    expect(h.state.alerts.get(alertId)?.history.some((e) => e.action === 'hold-approved')).toBe(false);
  });

  it('adds nothing without a note, and nothing where no alert was open', () => {
    const { h, alertId } = breached();
    h.command(75, { type: 'hold.approve', callId: 'c1', seconds: 120, by: 'lead-7' });
    expect(h.alerts.get(alertId)!.history.find((e) => e.action === 'hold-approved')).not.toHaveProperty('comment');
    const quiet = new EngineHarness();
    quiet.login(0, '1001');
    quiet.answeredCall(1, 'c1', '1001');
    quiet.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true, reason: 'checking' });
    expect(quiet.command(20, { type: 'hold.approve', callId: 'c1', seconds: 300, by: 'lead-7', note: 'long lookup' })?.ok).toBe(true);
    expect(quiet.of('hold-consent')).toHaveLength(0);
  });
});
