/**
 * What an audience's screens were sent, by seq and bytes: what a screen that has read up
 * to a seq has still to read (server/wallboard/sent-log.ts).
 */
import { describe, expect, it } from 'vitest';
import { SentLog } from '../../../server/wallboard/sent-log.js';

describe('the frames an audience was sent', () => {
  it('counts what a screen has not read, all of it and all but the newest', () => {
    const log = new SentLog();
    expect(log.bytesAfter(0)).toBe(0);
    expect(log.unreadBefore(0)).toBe(0);
    log.sent(1, 100);
    log.sent(2, 20);
    log.sent(3, 5);
    log.sent(5, 1000); // 4 was a gap (a floor replaced): no frame
    expect(log.bytesAfter(5)).toBe(0);
    expect(log.bytesAfter(3)).toBe(1000);
    expect(log.bytesAfter(1)).toBe(1025);
    expect(log.bytesAfter(4)).toBe(1000);
    // The newest frame cannot have been read yet: not counted against the screen.
    expect(log.unreadBefore(5)).toBe(0);
    expect(log.unreadBefore(3)).toBe(0);
    expect(log.unreadBefore(2)).toBe(5);
    expect(log.unreadBefore(1)).toBe(25);
    // Read nothing yet (a snapshot's seq, before any frame): all but the newest unread.
    expect(log.unreadBefore(0)).toBe(125);
    expect(log.bytesAfter(0)).toBe(1125);
    // What a screen that read up to 1 has not read of what it was sent up to 3 (it fell behind there).
    expect(log.bytesBetween(1, 3)).toBe(25);
    expect(log.bytesBetween(3, 3)).toBe(0);
    expect(log.bytesBetween(0, 2)).toBe(120);
  });

  it('counts a screen behind everything it remembers as infinitely far behind', () => {
    const log = new SentLog();
    for (let seq = 1; seq <= 300; seq++) log.sent(seq, 10);
    expect(log.bytesAfter(290)).toBe(100);
    expect(log.unreadBefore(290)).toBe(90);
    // 300 frames, 256 kept: the last dropped was 44, so a screen at 44 is still counted.
    expect(log.unreadBefore(44)).toBe(2550);
    expect(log.unreadBefore(43)).toBe(Number.POSITIVE_INFINITY);
    expect(log.bytesAfter(10)).toBe(Number.POSITIVE_INFINITY);
  });
});
