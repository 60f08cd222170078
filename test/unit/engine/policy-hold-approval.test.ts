/**
 * Article 67: a longer hold is approved while it runs, for longer than the customer has
 * already waited. An allowance the hold has already outlasted approves nothing: the engine
 * refuses it (holdApprovalTooShort, naming `seconds` and how long the hold has lasted)
 * instead of accepting it and opening a "past the approved N s" breach at once.
 */
import { describe, expect, it } from 'vitest';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';

/** Agent 1001 on call rv-call-1, on hold from T+10 s (consented, with a reason). */
function onHold(): EngineHarness {
  const h = new EngineHarness();
  h.login(0, '1001');
  h.answeredCall(1, 'rv-call-1', '1001');
  h.at(10, 'call.hold', { callId: 'rv-call-1', agentId: '1001', consent: true, reason: 'checking the statement' });
  return h;
}

describe('hold.approve: the allowance must be longer than the hold so far', () => {
  it('refuses 30 s for a hold of 47 s, with the code, the seconds held and the field; no alert opens', () => {
    const h = onHold();
    h.tick(57.4); // 47.4 s on hold
    const result = h.command(57.4, { type: 'hold.approve', callId: 'rv-call-1', seconds: 30, by: 'lead-7' });
    expect(result).toEqual({
      ok: false,
      code: 'holdApprovalTooShort',
      params: { callId: 'rv-call-1', seconds: 30, heldSeconds: 47 },
      field: 'seconds',
      error: 'invalid seconds: 30 s is not longer than call rv-call-1 has already been on hold (47 s); allow more than that',
    });
    h.tick(58);
    expect(h.of('hold-consent')).toEqual([]);
    // The limit in force is still the default's: the hold breaches at 60 s, not at once.
    h.tick(69);
    expect(h.of('hold-consent')).toEqual([]);
    h.tick(70);
    expect(h.open('hold-consent')).toEqual([
      expect.objectContaining({ openedAt: T0 + 70_000, title: 'Customer on hold at agent 1001 past 60 s without approval' }),
    ]);
  });

  it('refuses an allowance equal to the hold so far, and accepts one a second longer', () => {
    const h = onHold();
    expect(h.command(57, { type: 'hold.approve', callId: 'rv-call-1', seconds: 47, by: 'lead-7' }))
      .toMatchObject({ ok: false, code: 'holdApprovalTooShort', params: { heldSeconds: 47 } });
    expect(h.command(57, { type: 'hold.approve', callId: 'rv-call-1', seconds: 48, by: 'lead-7' }))
      .toEqual({ ok: true, value: { callId: 'rv-call-1', allowedSeconds: 48 } });
    h.tick(57.9);
    expect(h.of('hold-consent')).toEqual([]);
    h.tick(58);
    expect(h.open('hold-consent')[0]).toMatchObject({ title: 'Customer on hold at agent 1001 past the approved 48 s' });
  });

  it('leaves an open breach as it was when refused; a long enough approval then clears it', () => {
    const h = onHold();
    h.tick(70);
    const [breach] = h.open('hold-consent');
    expect(h.command(80, { type: 'hold.approve', callId: 'rv-call-1', seconds: 60, by: 'lead-7' }))
      .toMatchObject({ ok: false, code: 'holdApprovalTooShort', params: { seconds: 60, heldSeconds: 70 } });
    expect(h.alerts.get(breach.id)).toMatchObject({ status: 'open', occurrences: 1 });
    expect(h.alerts.get(breach.id)!.history.some((e) => e.action === 'hold-approved')).toBe(false);
    expect(h.command(80, { type: 'hold.approve', callId: 'rv-call-1', seconds: 120, by: 'lead-7' })?.ok).toBe(true);
    expect(h.alerts.get(breach.id)).toMatchObject({ status: 'resolved', resolutionCode: 'holdApproved' });
  });

  it('is deterministic: the same inputs give the same refusal on a second engine', () => {
    const run = () => {
      const h = onHold();
      return h.command(40, { type: 'hold.approve', callId: 'rv-call-1', seconds: 30, by: 'lead-7' });
    };
    expect(run()).toEqual(run());
    expect(run()).toMatchObject({ ok: false, params: { heldSeconds: 30 } });
  });
});
