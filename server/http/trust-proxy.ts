/**
 * `--trust-proxy` (FLOORWATCH_TRUST_PROXY): which proxies in front of the server express
 * believes about the client's address (`X-Forwarded-For`), as its `trust proxy` setting.
 * Without it, behind a TLS-terminating proxy every request seems to come from the proxy:
 * the per-address limits on sign-in and pairing then count everyone together, and twenty
 * failed sign-ins a minute from anyone lock everyone out.
 */
import express from 'express';

/** Off, the number of proxies in front, or the proxies' addresses, subnets and express's keywords. */
export type TrustProxy = false | number | string[];

/** express's names for address ranges. */
export const TRUST_PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'] as const;

/**
 * Reads the option's text: `off` (or `false`, `0`), a hop count (`1`: the one proxy in
 * front), or a comma-separated list of addresses, CIDR subnets and the keywords
 * `loopback`, `linklocal`, `uniquelocal` (`loopback, 10.0.0.0/8`). `true` (trust any
 * address) is refused: anyone could then name their own address and escape the limits.
 * Throws with a message saying what is wrong.
 */
export function parseTrustProxy(text: string): TrustProxy {
  const value = text.trim();
  if (/^(off|false|no|none|0*)$/i.test(value)) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (!Number.isSafeInteger(hops)) throw new Error(`too many proxies: ${value}`);
    return hops;
  }
  if (/^(true|yes|on|all)$/i.test(value)) {
    throw new Error('trusting every address would let any client name its own address (and escape the per-address limits): give the number of proxies in front (e.g. 1) or their addresses');
  }
  const list = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  try {
    // express compiles the setting at once (proxy-addr), refusing what it cannot read.
    express().set('trust proxy', list);
  } catch (err) {
    throw new Error(`expected a number of proxies, or addresses, subnets (10.0.0.0/8) and ${TRUST_PROXY_KEYWORDS.join(', ')}, comma-separated: ${err instanceof Error ? err.message : String(err)}`);
  }
  return list;
}
