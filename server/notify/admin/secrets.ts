/**
 * Secrets on the way out and back in. A channel is read with its secrets masked; when the
 * admin page sends the masked value back unchanged, the stored secret is kept, so editing
 * a channel's name never needs its secret typed again, and the secret never reaches the
 * browser. A masked value that does not match what is stored is refused.
 *
 * A kept secret stays bound to where it was sent: the SMTP password to the same host, port,
 * user and TLS settings; a webhook's or robot's secret to the same origin (scheme, host,
 * port) of its URL. An edit that points the channel elsewhere and sends a secret back
 * masked is refused, naming the field: else anyone who may edit a channel could point it
 * at a server of their own and have the stored secret sent there (a test message).
 */
import { isMasked, maskSecret, SECRET_FIELDS, type ChannelConfig, type ChannelInput } from '../../../shared/notify.js';
import { problem } from '../../../shared/problems.js';
import { NotifyInputError } from './errors.js';

export function maskChannel(channel: ChannelConfig): ChannelConfig {
  const out: Record<string, unknown> = { ...channel };
  for (const field of SECRET_FIELDS[channel.kind]) {
    const value = out[field];
    if (typeof value === 'string') out[field] = maskSecret(value);
  }
  return out as ChannelConfig;
}

export interface Unmasked {
  /** The input with masked secrets replaced by the stored ones (to validate). */
  input: unknown;
  /** The secret fields that were sent masked and are kept. */
  kept: string[];
}

/** The input with masked secrets replaced by the stored ones (before validation). */
export function unmaskInput(input: unknown, stored: ChannelConfig | undefined): Unmasked {
  if (typeof input !== 'object' || input === null) return { input, kept: [] };
  const raw = { ...(input as Record<string, unknown>) };
  const kind = raw.kind as ChannelConfig['kind'];
  const fields = SECRET_FIELDS[kind] ?? [];
  const kept: string[] = [];
  for (const field of fields) {
    const value = raw[field];
    if (typeof value !== 'string' || !isMasked(value)) continue;
    const storedValue = stored !== undefined && stored.kind === kind ? (stored as Record<string, unknown>)[field] : undefined;
    if (typeof storedValue !== 'string' || maskSecret(storedValue) !== value) {
      throw new NotifyInputError(400, `invalid ${field}: this is a masked value; type the secret again`, field);
    }
    raw[field] = storedValue;
    kept.push(field);
  }
  return { input: raw, kept };
}

const hostKey = (host: string) => host.trim().toLowerCase().replace(/\.+$/, '');

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * Where a channel's secrets are sent, as one comparable string: what a kept secret is
 * bound to. SMTP: host, port, user, TLS mode and certificate checking (turning the check off
 * lets whoever sits on the path read the password). The rest: the URL's origin.
 */
export function destinationOf(channel: ChannelInput): string {
  if (channel.kind === 'smtp') {
    return JSON.stringify([hostKey(channel.host), channel.port ?? 587, channel.user ?? null, channel.tls ?? 'starttls', channel.rejectUnauthorized ?? true]);
  }
  return originOf(channel.url);
}

/** Refuses the first kept secret when the channel now points elsewhere than the stored one. */
export function checkKeptSecrets(parsed: ChannelInput, stored: ChannelConfig | undefined, kept: readonly string[]): void {
  if (kept.length === 0 || stored === undefined || stored.kind !== parsed.kind) return;
  if (destinationOf(parsed) === destinationOf(stored)) return;
  const field = kept[0];
  throw new NotifyInputError(400, problem('secretDestinationChanged', { field }), field);
}
