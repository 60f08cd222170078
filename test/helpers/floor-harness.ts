import { floorEventSchema, type FloorEvent, type FloorEventInput } from '../../shared/events.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { Floor, type FloorOptions } from '../../server/floor/floor.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { Storage } from '../../server/storage/types.js';
import { FakeClock } from './fake-clock.js';
import { T0 } from './engine-harness.js';

export const WINDOW = 2000;

export async function openFloor(options: Partial<FloorOptions> & { storage?: Storage; clock?: FakeClock } = {}) {
  const clock = options.clock ?? new FakeClock(T0);
  const storage = options.storage ?? createMemoryStorage();
  let n = 0;
  const floor = await Floor.open({
    rules: defaultRulesConfig(),
    reorderWindowMs: WINDOW,
    newId: () => `test-${++n}`,
    ...options,
    storage,
    clock,
  });
  return { floor, clock, storage };
}

let seq = 0;
/** A valid event `seconds` after T0 with a fresh id. */
export function ev(seconds: number, type: FloorEventInput['type'], fields: Record<string, unknown> = {}): FloorEvent {
  return floorEventSchema.parse({ id: `f${++seq}`, ts: T0 + seconds * 1000, type, ...fields });
}
