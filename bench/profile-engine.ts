/**
 * The engine stage alone, for `node --cpu-prof --import tsx bench/profile-engine.ts [N]`:
 * simulated traffic is generated and validated first, then stepped through the engine
 * three times (the first passes pay for JIT), so the profile shows the rules' work only.
 */
import { floorEventSchema, type FloorEvent } from '../shared/events.js';
import { defaultRulesConfig } from '../shared/rules-config.js';
import { createEngineState, step } from '../server/engine/engine.js';
import { simulatedEvents } from './lib/traffic.js';

const n = Number(process.argv[2] ?? 200_000);
const ordered: FloorEvent[] = simulatedEvents({ agents: 1000, hours: 8, maxEvents: n, idPrefix: 'profile' })
  .map((e) => floorEventSchema.parse(e))
  .sort((a, b) => a.ts - b.ts);
for (let round = 0; round < 3; round++) {
  const started = performance.now();
  const state = createEngineState(defaultRulesConfig(), ordered[0]!.ts);
  let effects = 0;
  for (const e of ordered) effects += step(state, { kind: 'event', event: e }, e.ts).effects.length;
  const ms = performance.now() - started;
  console.log(`${ordered.length} events in ${ms.toFixed(0)} ms = ${Math.round((ordered.length / ms) * 1000)} events/s (${effects} effects)`);
}
