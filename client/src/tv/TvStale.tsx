/**
 * A TV must never show frozen figures as live. When the link is down, or up but silent
 * on a staffed floor for more than STALE_AFTER_MS, the figures give way to one large
 * sentence: "No data since 10:42:13". The link keeps reconnecting behind it.
 */
import { useRef, type ReactNode } from 'react';
import { useCentreTimezone, useClockOffset, useHasFloor } from '../alerts/floor-read.js';
import { useT } from '../i18n/index.js';
import { formatClockTime, formatElapsed } from '../time/format.js';
import { useFreshness, useLocalNow } from '../time/ticker.js';

export function TvStaleGuard({ children }: { children: ReactNode }) {
  const t = useT();
  // The same rule as the supervisors' floor (store/freshness.ts): one answer for every screen.
  const { stale, lastDataAt } = useFreshness();
  const hasFloor = useHasFloor();
  const now = useLocalNow();
  // The link's reset forgets the zone and the offset: keep the last known ones for the sentence.
  const tz = useRef<string | undefined>(undefined);
  const offset = useRef(0);
  const liveTz = useCentreTimezone();
  const liveOffset = useClockOffset();
  if (liveTz !== undefined) tz.current = liveTz;
  if (hasFloor) offset.current = liveOffset;

  if (stale && lastDataAt !== null) {
    return (
      <div className="tv-stale" role="alert">
        <p className="tv-stale-title">{t('tv.stale.title', { time: formatClockTime(lastDataAt + offset.current, tz.current) })}</p>
        <p className="tv-stale-detail">{t('tv.stale.detail', { elapsed: formatElapsed(now - lastDataAt) })}</p>
      </div>
    );
  }
  if (!hasFloor) {
    return (
      <div className="tv-stale tv-connecting" role="status">
        <p className="tv-stale-title">{lastDataAt === null ? t('tv.connectingTitle') : t('tv.stale.never')}</p>
      </div>
    );
  }
  return <>{children}</>;
}
