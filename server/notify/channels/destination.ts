/**
 * Where notifications may not go: link-local addresses (169.254.0.0/16, fe80::/10), where
 * clouds answer with instance metadata and credentials, and the metadata service's names.
 * Loopback and the private ranges (10/8, 172.16/12, 192.168/16) stay allowed: a bank's
 * chat bridges and mail relays live there.
 *
 * Checked twice: when a channel is saved (its host as written: an address or a name), and
 * when a delivery connects (`guardedLookup`: every address the name resolves to, at the
 * moment of connecting, so a name that resolves elsewhere later — DNS rebinding — is caught
 * too).
 */
import dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4'); // IPv4 link-local (also matches ::ffff:169.254.x.x)
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6'); // IPv6 link-local
FORBIDDEN.addSubnet('64:ff9b::a9fe:0', 112, 'ipv6'); // 169.254/16 through NAT64
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6'); // AWS's instance metadata over IPv6

const FORBIDDEN_NAMES = new Set(['metadata.google.internal']);

/** A destination notifications never reach; `permanent`: the same address is refused next time too. */
export class DestinationRefused extends Error {
  readonly code = 'EDESTINATIONREFUSED';
  constructor(readonly host: string, readonly address?: string) {
    super(`${host}${address !== undefined && address !== host ? ` (${address})` : ''} is a link-local or cloud metadata address: notifications are never sent there`);
    this.name = 'DestinationRefused';
  }
}

/** `[fe80::1]` -> `fe80::1` (a URL's hostname writes an IPv6 address in brackets); anything else as it is. */
export function unbracketed(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** `[fe80::1]` -> `fe80::1`; `Metadata.Google.Internal.` -> `metadata.google.internal`. */
function bare(host: string): string {
  return unbracketed(host).replace(/\.+$/, '').toLowerCase();
}

export function isForbiddenAddress(address: string): boolean {
  const a = bare(address).replace(/%.*$/, ''); // a zone id (fe80::1%eth0) is not part of the address
  const family = isIP(a);
  if (family === 4) return FORBIDDEN.check(a, 'ipv4');
  if (family === 6) return FORBIDDEN.check(a, 'ipv6');
  return false;
}

/** The host as written (a URL's hostname, an SMTP host): a forbidden address or name. */
export function isForbiddenHost(host: string): boolean {
  const h = bare(host);
  return FORBIDDEN_NAMES.has(h) || isForbiddenAddress(h);
}

/** Throws DestinationRefused for a forbidden host as written. */
export function checkHost(host: string): void {
  if (isForbiddenHost(host)) throw new DestinationRefused(bare(host));
}

/**
 * A `lookup` for net/tls connections that refuses a forbidden name, and a name any of whose
 * addresses is forbidden. (Connections to an address written as such do not call `lookup`:
 * `checkHost` covers those before connecting.)
 */
export function guardedLookup(resolve: LookupFunction = dns.lookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    const fail = (err: NodeJS.ErrnoException) => callback(err, options.all === true ? [] : '', 0);
    if (isForbiddenHost(hostname)) {
      fail(new DestinationRefused(bare(hostname)));
      return;
    }
    resolve(hostname, { ...options, all: true }, (err, found, family) => {
      if (err) {
        fail(err);
        return;
      }
      const addresses: dns.LookupAddress[] = Array.isArray(found) ? found : [{ address: found, family: family ?? isIP(found) }];
      const bad = addresses.find((a) => isForbiddenAddress(a.address));
      if (bad !== undefined) {
        fail(new DestinationRefused(bare(hostname), bad.address));
        return;
      }
      if (addresses.length === 0) {
        fail(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
        return;
      }
      if (options.all === true) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
