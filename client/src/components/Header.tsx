/**
 * Brand and the demo warning, always on top; each page adds what belongs to it on the
 * right (the live floor its clock and link state, a person's page their account).
 */
import type { ReactNode } from 'react';
import { useFloorStore } from '../store/floor-store.js';
import { DemoBadge } from './DemoBadge.js';

export function Header({ children }: { children?: ReactNode }) {
  const demo = useFloorStore((s) => s.floor?.demo ?? false);
  return (
    <header className="header">
      <h1 className="brand">Floorwatch</h1>
      {demo && <DemoBadge />}
      <div className="header-spacer" />
      {children}
    </header>
  );
}
