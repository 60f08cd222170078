/**
 * The TV's frame: one page at a time, rotating at the given pace, with its title and
 * "page 2 of 5" so a viewer knows more is coming. Nothing to click.
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.js';
import { usePager } from './pager.js';

export interface TvPageSpec {
  key: string;
  title: string;
  render(): ReactNode;
}

export function TvPager({ pages, paceMs, start = 0, brandEnd, headerEnd, notice }: {
  pages: readonly TvPageSpec[];
  paceMs: number;
  start?: number;
  /** Beside the brand on every page (the demo's marker). */
  brandEnd?: ReactNode;
  headerEnd?: ReactNode;
  /** A line under the header on every page (what is wrong with the TV's address). */
  notice?: ReactNode;
}) {
  const t = useT();
  const index = usePager(pages.length, paceMs, start);
  const page = pages[index];
  return (
    <div className="tv-frame">
      <header className="tv-header">
        <p className="tv-brand">Floorwatch</p>
        {brandEnd}
        <h1 className="tv-page-title">{page?.title ?? ''}</h1>
        {pages.length > 1 && (
          <p className="tv-page-of" aria-label={t('tv.pageOf', { n: index + 1, total: pages.length })}>
            {pages.map((p, i) => (
              <span key={p.key} className={`tv-dot${i === index ? ' is-current' : ''}`} aria-hidden="true" />
            ))}
            <span className="tv-page-number">{index + 1}/{pages.length}</span>
          </p>
        )}
        <div className="tv-header-end">{headerEnd}</div>
      </header>
      {notice}
      <main className="tv-body" data-tv-page={page?.key}>
        {page?.render()}
      </main>
    </div>
  );
}
