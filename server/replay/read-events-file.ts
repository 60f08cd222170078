/**
 * Reads a recorded event file (NDJSON of the v1 contract, or a JSON array) in chunks, with
 * the same validation and per-line errors as the ingest endpoint.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { FloorEvent } from '../../shared/events.js';
import type { RejectedEvent } from '../../shared/ingest.js';
import { parseBatch } from '../ingest/parse-batch.js';

const CHUNK_LINES = 5000;

export interface EventsFile {
  events: FloorEvent[];
  /** `index` is the 0-based position among the file's non-empty lines. */
  errors: RejectedEvent[];
}

export async function readEventsFile(file: string): Promise<EventsFile> {
  const first = await readFirstChar(file);
  if (first === '[') return collect(parseBatch(fs.readFileSync(file), 'application/json'), 0, { events: [], errors: [] });
  const out: EventsFile = { events: [], errors: [] };
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let chunk: string[] = [];
  let offset = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    chunk.push(line);
    if (chunk.length === CHUNK_LINES) {
      collect(parseBatch(chunk.join('\n'), 'application/x-ndjson'), offset, out);
      offset += chunk.length;
      chunk = [];
    }
  }
  if (chunk.length > 0) collect(parseBatch(chunk.join('\n'), 'application/x-ndjson'), offset, out);
  return out;
}

function collect(batch: ReturnType<typeof parseBatch>, offset: number, out: EventsFile): EventsFile {
  for (const e of batch.events) out.events.push(e);
  for (const err of batch.errors) out.errors.push({ ...err, index: err.index + offset });
  return out;
}

async function readFirstChar(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart().charAt(0);
  } finally {
    await handle.close();
  }
}
