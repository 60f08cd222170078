/** The refusal log of the socket.io origin check is rate-limited per Origin, a minute by default. */
import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { socketOriginCheck } from '../../../server/http/socket-origin.js';

const request = (origin: string): IncomingMessage =>
  ({ headers: { origin, host: '127.0.0.1:8080' }, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;

describe('socketOriginCheck', () => {
  it('logs a refused Origin at most once a minute, counting the refusals in between', () => {
    const lines: Array<{ level: number; origin: string; refusedSinceLastLine?: number }> = [];
    const logger = pino({ level: 'warn' }, new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
        done();
      },
    }));
    let now = 1_000_000;
    const allowed = socketOriginCheck({ logger, trustProxy: () => () => false, now: () => now });

    expect(allowed(request('https://evil.example'))).toBe(false);
    now += 30_000;
    expect(allowed(request('https://evil.example'))).toBe(false);
    expect(allowed(request('https://evil.example'))).toBe(false);
    expect(lines).toHaveLength(1);
    expect(allowed(request('https://other.example'))).toBe(false);
    expect(lines.map((l) => l.origin)).toEqual(['https://evil.example', 'https://other.example']);

    now += 30_000;
    expect(allowed(request('https://evil.example'))).toBe(false);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ level: 40, origin: 'https://evil.example', refusedSinceLastLine: 2 });
    // The server's own origin (by Host) is allowed and not logged.
    expect(allowed(request('http://127.0.0.1:8080'))).toBe(true);
    expect(lines).toHaveLength(3);
  });
});
