/**
 * While the figures are not live the board stays on screen, greyed, with its timers
 * stopped (time/ticker.ts), and this banner says so and since when: the link is down, or
 * it is up but nothing has arrived for a while (store/freshness.ts, the TV's rule). The
 * time is that of the last data received, not of the moment the link was found broken.
 */
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { formatClockTime, formatElapsed } from '../time/format.js';
import { useFreshness, useLocalNow } from '../time/ticker.js';

export function ConnectionBanner() {
  const { kind, stale, lastDataAt } = useFreshness();
  const downSince = useFloorStore((s) => (s.connection.kind === 'down' ? s.connection.since : null));
  const tz = useFloorStore((s) => s.floor?.timezone);
  const offset = useFloorStore((s) => s.clockOffsetMs);
  const now = useLocalNow();
  const t = useT();
  if (kind === 'down') {
    // Down before any data: nothing is frozen, but say the link is being retried.
    const since = lastDataAt ?? downSince ?? now;
    return (
      <div className="connection-banner" role="alert">
        <strong>{t('banner.lost')}</strong>
        {t('banner.detail', { time: formatClockTime(since + offset, tz), elapsed: formatElapsed(now - since) })}
      </div>
    );
  }
  if (!stale || lastDataAt === null) return null;
  return (
    <div className="connection-banner" role="alert">
      <strong>{t('banner.stale', { time: formatClockTime(lastDataAt + offset, tz) })}</strong>
      {t('banner.staleDetail', { elapsed: formatElapsed(now - lastDataAt) })}
    </div>
  );
}
