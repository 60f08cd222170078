/** A small, always visible pill: is what the wall shows live? */
import { useFloorStore } from '../store/floor-store.js';

const TEXT = { connecting: 'Connecting…', live: 'Live', down: 'Offline' } as const;

export function ConnectionState() {
  const kind = useFloorStore((s) => s.connection.kind);
  return (
    <div className={`connection-state connection-${kind}`} role="status" aria-live="polite">
      <span className="connection-dot" aria-hidden="true" />
      {TEXT[kind]}
    </div>
  );
}
