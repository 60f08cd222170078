/**
 * The frame of a floor page: greyed when the link is down, a red edge on the demo. The
 * header's right side is the page's own (a person's account, or nothing on a TV).
 */
import type { ReactNode } from 'react';
import { useFloorStore } from '../store/floor-store.js';
import { CentreClock } from './CentreClock.js';
import { ConnectionState } from './ConnectionState.js';
import { FloorBoard } from './FloorBoard.js';
import { Header } from './Header.js';

export function FloorShell({ className, headerEnd }: { className?: string; headerEnd?: ReactNode }) {
  const isDown = useFloorStore((s) => s.connection.kind === 'down');
  const isDemo = useFloorStore((s) => s.floor?.demo ?? false);
  const classes = ['app', className, isDown && 'is-stale', isDemo && 'is-demo'].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <Header>
        <CentreClock />
        <ConnectionState />
        {headerEnd}
      </Header>
      <FloorBoard />
    </div>
  );
}
