/** The time at the centre (its rules' time zone), on the server's clock. */
import { useFloorStore } from '../store/floor-store.js';
import { formatCentreClock } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';

export function CentreClock() {
  const tz = useFloorStore((s) => s.floor?.timezone);
  const now = useServerNow();
  if (tz === undefined) return null;
  const { time, date } = formatCentreClock(now, tz);
  return (
    <div className="centre-clock" title={`Centre time (${tz})`}>
      <span className="centre-clock-time">{time}</span>
      <span className="centre-clock-date">
        {date} · {tz}
      </span>
    </div>
  );
}
