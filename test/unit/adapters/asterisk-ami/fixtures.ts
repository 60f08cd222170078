/** Loads the hand-written AMI sessions in test/fixtures/ami (comment lines dropped, CRLF as on the wire). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AmiParser, type AmiMessage } from '../../../../server/adapters/asterisk-ami/parser.js';
import { AmiMapper } from '../../../../server/adapters/asterisk-ami/mapping.js';
import type { AmiMappingOptions } from '../../../../server/adapters/asterisk-ami/config.js';
import type { FloorEventInput } from '../../../../shared/events.js';

const dir = fileURLToPath(new URL('../../../fixtures/ami/', import.meta.url));

/** The session as Asterisk would send it, split at its `### break` markers. */
export function amiParts(name: string): string[] {
  const text = readFileSync(`${dir}${name}.ami`, 'utf8');
  return text.split(/^### break\n/m).map((part) =>
    part.split('\n').filter((l) => !l.startsWith('#')).join('\r\n').replace(/^(\r\n)+/, ''));
}

export function amiSession(name: string): string {
  return amiParts(name).join('');
}

export function amiMessages(name: string): AmiMessage[] {
  const parser = new AmiParser();
  const items = [...parser.push(amiSession(name)), ...parser.end()];
  const bad = items.filter((i) => i.type === 'malformed');
  if (bad.length > 0) throw new Error(`fixture ${name} has malformed messages: ${JSON.stringify(bad)}`);
  return items.flatMap((i) => (i.type === 'message' ? [i.message] : []));
}

export const MAPPING: AmiMappingOptions = { host: 'pbx1', surveyExtension: '7900' };

/** Maps a fixture through a fresh mapper; messages without Timestamp get receipt times 1 s apart. */
export function mapFixture(name: string, options: AmiMappingOptions = MAPPING, mapper = new AmiMapper(options)) {
  let clock = Date.UTC(2025, 10, 28, 8, 0, 0);
  const results = amiMessages(name).map((m) => mapper.map(m, (clock += 1000)));
  const events: FloorEventInput[] = results.flatMap((r) => r.events);
  return { mapper, results, events };
}
