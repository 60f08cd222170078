/** Brand, the demo warning, the centre's clock and the link state, always on top. */
import { useFloorStore } from '../store/floor-store.js';
import { CentreClock } from './CentreClock.js';
import { ConnectionState } from './ConnectionState.js';
import { DemoBadge } from './DemoBadge.js';

export function Header() {
  const demo = useFloorStore((s) => s.floor?.demo ?? false);
  return (
    <header className="header">
      <h1 className="brand">Floorwatch</h1>
      {demo && <DemoBadge />}
      <div className="header-spacer" />
      <CentreClock />
      <ConnectionState />
    </header>
  );
}
