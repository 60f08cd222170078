/**
 * A false alarm is read in the floor's turn: two marks of the same closed alert given at
 * once (two people, a double submit) are judged one after the other, the second against
 * what the first left in storage, so it is refused naming who was first, and the alert's
 * record keeps the first person's mark.
 */
import { describe, expect, it } from 'vitest';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor, WINDOW } from '../../helpers/floor-harness.js';

describe('a false alarm marked on a closed alert', () => {
  it('twice at once: the first is taken, the second refused, and the stored alert has one mark', async () => {
    const { floor, clock } = await openFloor();
    await floor.ingest([
      ev(0, 'agent.login', { agentId: '1001', stationId: 'S-1', teamId: 't1' }),
      ev(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' }),
      ev(2, 'call.ringing', { callId: 'c1', agentId: '1001' }),
      ev(14, 'call.answered', { callId: 'c1', agentId: '1001' }),
    ]);
    clock.set(T0 + 20_000 + WINDOW);
    await floor.tick();
    const [rang] = await floor.listAlerts({ rule: 'answer-3-rings' });
    expect(rang).toMatchObject({ status: 'resolved', resolvedBy: 'auto' });
    // Both read the same closed copy before either is applied.
    const stale = (await floor.storedAlert(rang!.id))!;
    const [first, second] = await Promise.all([
      floor.command({ type: 'alert.falseAlarm', by: 'lead-1', note: 'the phone never rang', alert: stale }),
      floor.command({ type: 'alert.falseAlarm', by: 'sup-1', alert: stale }),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, code: 'alertAlreadyFalseAlarm', params: { by: 'lead-1' } });
    const marks = (await floor.storedAlert(rang!.id))!.history.filter((h) => h.action === 'false-alarm');
    expect(marks.map((h) => [h.by, h.note])).toEqual([['lead-1', 'the phone never rang']]);
  });
});
