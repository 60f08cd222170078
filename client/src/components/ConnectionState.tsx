/** A small, always visible pill: is what the wall shows live? */
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';

export function ConnectionState() {
  const t = useT();
  const kind = useFloorStore((s) => s.connection.kind);
  return (
    <div className={`connection-state connection-${kind}`} role="status" aria-live="polite">
      <span className="connection-dot" aria-hidden="true" />
      {t(`connection.${kind}`)}
    </div>
  );
}
