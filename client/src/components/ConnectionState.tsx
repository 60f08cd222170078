/**
 * A small, always visible pill: is what the wall shows live? Live only while data arrives:
 * a link that is up but silent (a hung server) says "no data", by the same rule as the TV
 * (store/freshness.ts); the banner under the header says since when.
 */
import { useT } from '../i18n/index.js';
import { useFreshness } from '../time/ticker.js';

export function ConnectionState() {
  const t = useT();
  const { kind } = useFreshness();
  return (
    <div className={`connection-state connection-${kind}`} role="status" aria-live="polite">
      <span className="connection-dot" aria-hidden="true" />
      {t(`connection.${kind}`)}
    </div>
  );
}
