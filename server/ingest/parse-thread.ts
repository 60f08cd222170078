/**
 * The ingest parser's thread (batch-parser.ts): reads a body as parseBatch does on the
 * floor's thread, then sends back the validated events as JSON in one string, with where
 * each one ends. One JSON.parse of that string on the floor's thread rebuilds the events
 * (cheaper than a structured clone of them), and each event's text is what the log stores.
 */
import { parentPort } from 'node:worker_threads';
import { BatchError, parseBatch, withTexts } from './parse-batch.js';
import type { ParseReply, ParseRequest } from './batch-parser.js';

const port = parentPort!;

port.on('message', (req: ParseRequest) => {
  let reply: ParseReply;
  try {
    // An event without a JSON form is rejected alone (withTexts), not the whole batch.
    const parsed = withTexts(parseBatch(Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength), req.contentType));
    const ends = new Uint32Array(parsed.events.length);
    let joined = '[';
    for (let i = 0; i < parsed.events.length; i++) {
      if (i > 0) joined += ',';
      joined += parsed.texts[i];
      ends[i] = joined.length;
    }
    joined += ']';
    reply = { id: req.id, ok: true, joined, ends, indexes: parsed.indexes, errors: parsed.errors, total: parsed.total };
  } catch (err) {
    reply = { id: req.id, ok: false, batchError: err instanceof BatchError, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
