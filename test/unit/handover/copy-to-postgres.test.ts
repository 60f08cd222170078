/** The one-time copy of the side file's handovers into the shared store (memory stands in for PostgreSQL). */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { copyHandoversTo } from '../../../server/handover/copy-to-postgres.js';
import { createMemoryHandoverStore } from '../../../server/handover/memory-store.js';
import { makeHandover } from './fixtures.js';

const NOON = Date.parse('2026-11-28T12:00:00+08:00');
const logger = pino({ level: 'silent' });

describe('copying handovers from the side file', () => {
  it('copies those missing, leaves those there by id, and reports the ones another handover covers', async () => {
    const target = createMemoryHandoverStore();
    const already = makeHandover(NOON, ['T1'], { status: 'confirmed', confirmedBy: 'lead.li', confirmedAt: NOON });
    await target.save(already);
    const rival = makeHandover(NOON + 3600_000, ['T3'], { id: 'made-here' });
    await target.save(rival);
    const missing = makeHandover(NOON, ['T2']);
    // The side file's older copy of `already` (submitted) must not undo its confirmation.
    const older = { ...already, status: 'submitted' as const, confirmedBy: undefined, confirmedAt: undefined };
    const covered = makeHandover(NOON + 3600_000, ['T3']);
    const outcome = await copyHandoversTo(target, [older, missing, covered], logger);
    expect(outcome).toEqual({ copied: 1, conflicting: [covered.id] });
    expect(await target.get(missing.id)).toEqual(missing);
    expect(await target.get(already.id)).toEqual(already);
    // Again: nothing more to do.
    expect(await copyHandoversTo(target, [older, missing, covered], logger)).toEqual({ copied: 0, conflicting: [covered.id] });
  });
});
