/** Where notifications never go: link-local and cloud metadata addresses, as written and as resolved. */
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DestinationRefused, guardedLookup, isForbiddenAddress, isForbiddenHost } from '../../../server/notify/channels/destination.js';

describe('isForbiddenHost', () => {
  it('refuses link-local (v4, v6, v4-mapped, NAT64), AWS\'s v6 metadata address and the metadata name', () => {
    for (const host of ['169.254.169.254', '169.254.0.1', '[fe80::1]', 'fe80::1%eth0', 'febf::1', '::ffff:169.254.169.254', '[::ffff:a9fe:a9fe]', '64:ff9b::a9fe:a9fe', 'fd00:ec2::254', 'metadata.google.internal', 'Metadata.Google.Internal.']) {
      expect(isForbiddenHost(host), host).toBe(true);
    }
  });

  it('allows loopback, the private ranges and ordinary names (on-premises bridges and relays)', () => {
    for (const host of ['127.0.0.1', '::1', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.10', 'fd12:3456::1', 'fec0::1', '169.253.255.255', '169.255.0.1', 'chat-bridge.centre.internal', 'metadata.centre.example']) {
      expect(isForbiddenHost(host), host).toBe(false);
    }
    expect(isForbiddenAddress('not an address')).toBe(false);
  });
});

describe('guardedLookup', () => {
  const fake = (answer: LookupAddress[]): LookupFunction => ((_host: string, _options: unknown, callback: (err: null, a: LookupAddress[]) => void) => callback(null, answer)) as unknown as LookupFunction;
  const run = (lookup: LookupFunction, host: string, all: boolean) => new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) => {
    lookup(host, { all }, (err, address, family) => resolve({ err, address, family }));
  });

  it('answers as dns.lookup does (one address, or all of them) when every address is allowed', async () => {
    const lookup = guardedLookup(fake([{ address: '10.1.2.3', family: 4 }, { address: '::1', family: 6 }]));
    expect(await run(lookup, 'bridge', false)).toEqual({ err: null, address: '10.1.2.3', family: 4 });
    expect(await run(lookup, 'bridge', true)).toMatchObject({ err: null, address: [{ address: '10.1.2.3', family: 4 }, { address: '::1', family: 6 }] });
  });

  it('refuses a name any of whose addresses is link-local, and the metadata name without asking DNS', async () => {
    const rebound = await run(guardedLookup(fake([{ address: '10.1.2.3', family: 4 }, { address: '169.254.169.254', family: 4 }])), 'rebound.example', true);
    expect(rebound.err).toBeInstanceOf(DestinationRefused);
    expect(rebound.err?.message).toBe('rebound.example (169.254.169.254) is a link-local or cloud metadata address: notifications are never sent there');
    let asked = false;
    const never = ((_h: string, _o: unknown, cb: (err: null, a: LookupAddress[]) => void) => {
      asked = true;
      cb(null, [{ address: '10.0.0.1', family: 4 }]);
    }) as unknown as LookupFunction;
    expect((await run(guardedLookup(never), 'metadata.google.internal', false)).err).toBeInstanceOf(DestinationRefused);
    expect(asked).toBe(false);
  });
});
