/**
 * The demo's handover: a little after each lead change in the plan, the outgoing lead's
 * handover is submitted (pre-filled), and waits for the incoming lead. Timers are vitest's
 * fake ones: nothing sleeps.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHandoverStore } from '../../../server/handover/memory-store.js';
import { createHandoverService } from '../../../server/handover/service.js';
import { DEMO_HANDOVER_DELAY_MS, leadChanges, scheduleDemoHandovers } from '../../../server/simulate/demo-handover.js';
import { CHANGE, LEADS, morning } from '../handover/scenario.js';
import { user } from '../handover/fixtures.js';

describe('the demo handover', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('finds each lead change with the teams both duties share', () => {
    expect(leadChanges(LEADS).map((c) => [c.at, c.outgoing.account, c.teamIds])).toEqual([
      [CHANGE, 'lead.wang', ['T1', 'T2']],
      [CHANGE, 'lead.zhao', ['T3']],
    ]);
  });

  it('submits the outgoing lead\'s prefilled handover after the change, once, for the incoming lead to confirm', async () => {
    const m = await morning();
    const service = createHandoverService({ floor: m.floor, store: createMemoryHandoverStore(), clock: m.clock, audit: { record: async () => undefined } });
    vi.setSystemTime(CHANGE);
    const cancel = scheduleDemoHandovers({ shifts: [], leads: LEADS }, { handovers: service, logger: pino({ level: 'silent' }), now: () => Date.now() });
    const li = user('lead.li', 'lead', ['T1', 'T2']);
    const pending = async () => {
      const current = await service.current(li);
      if (!current.ok) throw new Error(current.error);
      return current.value.toConfirm;
    };
    await vi.advanceTimersByTimeAsync(DEMO_HANDOVER_DELAY_MS - 1000);
    expect(await pending()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    const [handover] = await pending();
    expect(handover).toMatchObject({ status: 'submitted', teamIds: ['T1', 'T2'], outgoing: { account: 'lead.wang' }, submittedBy: 'lead.wang' });
    expect(handover!.fields.shiftStatus).toContain('(Demo)');
    expect(handover!.prefill.open.length).toBeGreaterThan(0);
    cancel();
  });

  it('cancelled before the change, submits nothing', async () => {
    const m = await morning();
    const service = createHandoverService({ floor: m.floor, store: createMemoryHandoverStore(), clock: m.clock, audit: { record: async () => undefined } });
    vi.setSystemTime(CHANGE - 60_000);
    scheduleDemoHandovers({ shifts: [], leads: LEADS }, { handovers: service, logger: pino({ level: 'silent' }), now: () => Date.now() })();
    await vi.advanceTimersByTimeAsync(DEMO_HANDOVER_DELAY_MS * 3);
    const history = await service.search(user('sup', 'supervisor'), {});
    expect(history.ok && history.value).toEqual([]);
  });
});
