/**
 * While the link is down the figures stop moving but stay on screen; the banner says so
 * and for how long, so nobody acts on a frozen wall.
 */
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { formatClockTime, formatElapsed } from '../time/format.js';
import { useLocalNow } from '../time/ticker.js';

export function ConnectionBanner() {
  const connection = useFloorStore((s) => s.connection);
  const tz = useFloorStore((s) => s.floor?.timezone);
  const offset = useFloorStore((s) => s.clockOffsetMs);
  const now = useLocalNow();
  const t = useT();
  if (connection.kind !== 'down') return null;
  return (
    <div className="connection-banner" role="alert">
      <strong>{t('banner.lost')}</strong>
      {t('banner.detail', { time: formatClockTime(connection.since + offset, tz), elapsed: formatElapsed(now - connection.since) })}
    </div>
  );
}
