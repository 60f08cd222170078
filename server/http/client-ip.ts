/** The address a request or socket came from, for the audit log (IPv4-mapped IPv6 unwrapped). */
export function clientIp(address: string | undefined): string | undefined {
  if (!address) return undefined;
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
