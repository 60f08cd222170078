/**
 * While the link is down the figures stop moving but stay on screen; the banner says so
 * and for how long, so nobody acts on a frozen wall.
 */
import { useFloorStore } from '../store/floor-store.js';
import { formatClockTime, formatElapsed } from '../time/format.js';
import { useLocalNow } from '../time/ticker.js';

export function ConnectionBanner() {
  const connection = useFloorStore((s) => s.connection);
  const tz = useFloorStore((s) => s.floor?.timezone);
  const offset = useFloorStore((s) => s.clockOffsetMs);
  const now = useLocalNow();
  if (connection.kind !== 'down') return null;
  return (
    <div className="connection-banner" role="alert">
      <strong>Connection to the floor lost</strong> — reconnecting. Figures frozen since{' '}
      {formatClockTime(connection.since + offset, tz)} ({formatElapsed(now - connection.since)} ago).
    </div>
  );
}
