import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simulatedEvents } from './lib/traffic.js';
import { Floor } from '../server/floor/floor.js';
import { createSqliteStorage } from '../server/storage/sqlite/index.js';
import { defaultRulesConfig } from '../shared/rules-config.js';
import { createIngestService } from '../server/ingest/ingest-service.js';

const n = Number(process.argv[2] ?? 200000);
// The traffic is generated first (and cached) so the profile shows the server's work only.
const cache = path.join(tmpdir(), `floorwatch-profile-${n}.ndjson`);
if (!existsSync(cache)) {
  const events = simulatedEvents({ agents: 1000, hours: 8, maxEvents: n, idPrefix: 'profile' });
  writeFileSync(cache, events.map((e) => JSON.stringify(e)).join('\n'));
}
const lines = readFileSync(cache, 'utf8').split('\n');
const dir = mkdtempSync(path.join(tmpdir(), 'prof-'));
const floor = await Floor.open({ storage: createSqliteStorage(path.join(dir, 'x.db')), clock: { now: () => Date.now() }, rules: defaultRulesConfig() });
const ingest = createIngestService(floor);
const t0 = performance.now();
for (let i = 0; i < lines.length; i += 5000) {
  const text = lines.slice(i, i + 5000).join('\n');
  const parsed = text.split('\n').map((l) => JSON.parse(l));
  await ingest.ingestBatch(parsed);
}
await floor.tick();
const s = (performance.now() - t0) / 1000;
console.log(`${lines.length} events in ${s.toFixed(2)} s = ${Math.round(lines.length / s)} events/s`);
await floor.close();
