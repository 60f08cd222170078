/**
 * The realtime queue_log table stores `time` as the PBX's local wall-clock time
 * (`2026-11-28 09:00:03.123456`) with no offset, so reading it needs the PBX's time zone.
 * Intl does the zone arithmetic; no date library is needed for one conversion.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(zone: string, utcMs: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Throws on an unknown zone name, so a misspelt option fails at start, not per row. */
export function assertTimeZone(zone: string): void {
  offsetMs(zone, 0);
}

/**
 * Epoch ms of a `YYYY-MM-DD HH:MM:SS[.frac]` wall time in `zone` (or of an ISO string with
 * its own offset); undefined when it is neither.
 */
export function parseLocalTime(text: string, zone: string): number | undefined {
  if (WITH_OFFSET.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    return Number.isFinite(ms) ? ms : undefined;
  }
  const m = LOCAL.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = ''] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (!Number.isFinite(wall)) return undefined;
  // Two passes settle the offset across a DST change (the second uses the first's guess).
  let utc = wall - offsetMs(zone, wall);
  utc = wall - offsetMs(zone, utc);
  return utc + ms;
}
