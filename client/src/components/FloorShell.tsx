/**
 * The frame of a floor page: greyed while its figures are not live (the link down, or
 * silent: store/freshness.ts), a red edge on the demo. The
 * header's right side is the page's own (a person's account, or nothing on a TV).
 * `interactive` (the supervisors' page) adds filters, charts and the agent panel; `notice`,
 * a line above the board (what is wrong with the page's address: floor/ScopeNotice.tsx).
 */
import type { ReactNode } from 'react';
import { useFloorStore } from '../store/floor-store.js';
import { useFreshness } from '../time/ticker.js';
import { CentreClock } from './CentreClock.js';
import { ConnectionState } from './ConnectionState.js';
import { FloorBoard } from './FloorBoard.js';
import { Header, LanguageSwitch } from './Header.js';

export function FloorShell({ className, headerEnd, interactive = false, notice }: { className?: string; headerEnd?: ReactNode; interactive?: boolean; notice?: ReactNode }) {
  const { stale } = useFreshness();
  const isDemo = useFloorStore((s) => s.floor?.demo ?? false);
  const classes = ['app', className, stale && 'is-stale', isDemo && 'is-demo'].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <Header>
        <CentreClock />
        <ConnectionState />
        {interactive && <LanguageSwitch />}
        {headerEnd}
      </Header>
      <FloorBoard interactive={interactive} notice={notice} />
    </div>
  );
}
