/**
 * Loads the hand-written FreeSWITCH sessions in test/fixtures/freeswitch. A fixture lists each
 * event's headers plainly, one block per event; this turns them into what mod_event_socket
 * sends for `event plain`: values URL-encoded, the event as the body of a `text/event-plain`
 * message with its byte length in `Content-Length`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FsMapper, type FsMappingOptions } from '../../../../server/adapters/freeswitch/mapping.js';
import { parseEventPlain, type FsEvent } from '../../../../server/adapters/freeswitch/parser.js';
import type { FloorEventInput } from '../../../../shared/events.js';

const dir = fileURLToPath(new URL('../../../fixtures/freeswitch/', import.meta.url));

/** One event as FreeSWITCH writes it on the event socket. */
export function eslEvent(headers: Array<[string, string]>): string {
  const body = headers.map(([k, v]) => `${k}: ${encodeURIComponent(v)}\n`).join('') + '\n';
  return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`;
}

/** The blocks of a fixture part as header lists. */
function blocks(text: string): Array<Array<[string, string]>> {
  return text.split('\n').filter((l) => !l.startsWith('#')).join('\n').split(/\n\s*\n/)
    .map((block) => block.split('\n').filter((l) => l.trim() !== '').map((l): [string, string] => {
      const i = l.indexOf(':');
      return [l.slice(0, i), l.slice(i + 1).trim()];
    }))
    .filter((b) => b.length > 0);
}

function partsText(name: string): string[] {
  return readFileSync(`${dir}${name}.esl`, 'utf8').split(/^### break\n/m);
}

/** The session on the wire, split at its `### break` markers. */
export function eslParts(name: string): string[] {
  return partsText(name).map((part) => blocks(part).map(eslEvent).join(''));
}

export function eslSession(name: string): string {
  return eslParts(name).join('');
}

export function fsEvents(name: string): FsEvent[] {
  return partsText(name).flatMap(blocks).map((headers) => {
    const body = headers.map(([k, v]) => `${k}: ${encodeURIComponent(v)}\n`).join('') + '\n';
    const e = parseEventPlain(body);
    if (typeof e === 'string') throw new Error(`fixture ${name}: ${e}`);
    return e;
  });
}

export const MAPPING: FsMappingOptions = { host: 'fs1' };

/** Maps a fixture through a mapper; events without a timestamp get receipt times 1 s apart. */
export function mapFixture(name: string, options: FsMappingOptions = MAPPING, mapper = new FsMapper(options)) {
  let clock = Date.UTC(2025, 10, 28, 8, 0, 0);
  const results = fsEvents(name).map((e) => mapper.map(e, (clock += 1000)));
  const events: FloorEventInput[] = results.flatMap((r) => r.events);
  return { mapper, results, events };
}
