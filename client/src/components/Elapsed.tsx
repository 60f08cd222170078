/**
 * A time that ticks: "how long since `since`" on the server's clock. The only part of a
 * tile that re-renders every second, so the tiles themselves stay memoised.
 */
import { memo } from 'react';
import { formatElapsed } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';

export const Elapsed = memo(function Elapsed({ since, className }: { since: number; className?: string }) {
  const now = useServerNow();
  return (
    <span className={className} data-since={since}>
      {formatElapsed(now - since)}
    </span>
  );
});
