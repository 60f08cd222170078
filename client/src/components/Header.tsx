/**
 * Brand and the demo warning, always on top; each page adds what belongs to it on the
 * right (the live floor its clock, link state and language, a person's page their account).
 */
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useLocale, useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { DemoBadge } from './DemoBadge.js';

export function Header({ children }: { children?: ReactNode }) {
  const demo = useFloorStore((s) => s.floor?.demo ?? false);
  // The page's language follows the chosen locale from the start (index.html says `en`),
  // so screen readers pronounce Chinese as Chinese.
  const locale = useLocale((s) => s.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // Its height as `--header-height`: side panels open below the header, never over it.
  const header = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = header.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => root.setProperty('--header-height', `${el.offsetHeight}px`));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <header className="header" ref={header}>
      <h1 className="brand">Floorwatch</h1>
      {demo && <DemoBadge />}
      <div className="header-spacer" />
      {children}
    </header>
  );
}

/** 中文 ⇄ English. The button names the language it switches to, in that language. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const setLocale = useLocale((s) => s.setLocale);
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="button button-quiet language-switch"
      lang={other}
      aria-label={`${t('language.label')}: ${t('locale.switch')}`}
      onClick={() => setLocale(other)}
      data-locale={locale}
    >
      {t('locale.switch')}
    </button>
  );
}
