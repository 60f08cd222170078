/**
 * Secrets on the way out and back in. A channel is read with its secrets masked; when the
 * admin page sends the masked value back unchanged, the stored secret is kept, so editing
 * a channel's name never needs its secret typed again, and the secret never reaches the
 * browser. A masked value that does not match what is stored is refused.
 */
import { isMasked, maskSecret, SECRET_FIELDS, type ChannelConfig } from '../../../shared/notify.js';
import { NotifyInputError } from './errors.js';

export function maskChannel(channel: ChannelConfig): ChannelConfig {
  const out: Record<string, unknown> = { ...channel };
  for (const field of SECRET_FIELDS[channel.kind]) {
    const value = out[field];
    if (typeof value === 'string') out[field] = maskSecret(value);
  }
  return out as ChannelConfig;
}

/** The input with masked secrets replaced by the stored ones (before validation). */
export function unmaskInput(input: unknown, stored: ChannelConfig | undefined): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const raw = { ...(input as Record<string, unknown>) };
  const kind = raw.kind as ChannelConfig['kind'];
  const fields = SECRET_FIELDS[kind] ?? [];
  for (const field of fields) {
    const value = raw[field];
    if (typeof value !== 'string' || !isMasked(value)) continue;
    const kept = stored !== undefined && stored.kind === kind ? (stored as Record<string, unknown>)[field] : undefined;
    if (typeof kept !== 'string' || maskSecret(kept) !== value) {
      throw new NotifyInputError(400, `invalid ${field}: this is a masked value; type the secret again`, field);
    }
    raw[field] = kept;
  }
  return raw;
}
