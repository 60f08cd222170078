/**
 * Dates and times for a component: formatDateTime bound to the UI's language and the
 * centre's time zone, rendering again when either changes (the language switched, the
 * server's answer about the zone come in).
 */
import { useLocale } from '../i18n/index.js';
import { useCentreZone } from './centre-zone.js';
import { formatDateTime } from './format.js';

export function useDateTime(options: { seconds?: boolean } = {}): (epochMs: number) => string {
  const locale = useLocale((s) => s.locale);
  const tz = useCentreZone();
  const seconds = options.seconds ?? false;
  return (epochMs) => formatDateTime(epochMs, tz, locale, seconds);
}
