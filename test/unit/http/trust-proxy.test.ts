/** `--trust-proxy` as express reads it, and when session cookies are Secure by default. */
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../server/http/trust-proxy.js';
import { secureCookiesFor } from '../../../server/serve.js';

describe('parseTrustProxy', () => {
  it('reads off, a hop count, and a list of addresses, subnets and keywords', () => {
    for (const off of ['', 'off', 'false', 'FALSE', '0']) expect(parseTrustProxy(off), off).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy(' 2 ')).toBe(2);
    expect(parseTrustProxy('loopback, 10.0.0.0/8 ,fd00::/8,192.168.1.10,uniquelocal,linklocal'))
      .toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.168.1.10', 'uniquelocal', 'linklocal']);
  });

  it('refuses what express cannot read, and trusting every address', () => {
    expect(() => parseTrustProxy('proxy.internal')).toThrow(/invalid IP address: proxy\.internal/);
    expect(() => parseTrustProxy('10.0.0.0/40')).toThrow(/invalid range/);
    expect(() => parseTrustProxy('true')).toThrow(/number of proxies/);
  });
});

describe('secureCookiesFor', () => {
  it('is on for an https:// public URL unless turned off, and as told otherwise', () => {
    expect(secureCookiesFor({})).toBe(false);
    expect(secureCookiesFor({ publicUrl: 'http://floor.example.com' })).toBe(false);
    expect(secureCookiesFor({ publicUrl: 'https://floor.example.com' })).toBe(true);
    expect(secureCookiesFor({ publicUrl: 'HTTPS://floor.example.com/' })).toBe(true);
    expect(secureCookiesFor({ publicUrl: 'https://floor.example.com', secureCookies: false })).toBe(false);
    expect(secureCookiesFor({ secureCookies: true })).toBe(true);
  });
});
