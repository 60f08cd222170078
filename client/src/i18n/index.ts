/**
 * Message catalogues: Simplified Chinese (the policy's language, the default) and English.
 * Each area of the client keeps its own catalogue file (`messages-<area>.ts`) and adds it
 * with `addMessages`, so areas never edit one shared file. `useT()` gives the translate
 * function of the current locale; `{name}` placeholders are filled from `vars`.
 */
import { create } from 'zustand';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Messages = Record<string, string>;
export type Vars = Record<string, string | number>;

const catalogues: Record<Locale, Messages> = { 'zh-CN': {}, en: {} };

/** Adds an area's messages; both languages must name the same keys (checked in tests). */
export function addMessages(messages: Record<Locale, Messages>): void {
  for (const locale of LOCALES) Object.assign(catalogues[locale], messages[locale]);
}

/** A table of texts by code as messages under `prefix.` (shaped, for templates made sentences). */
export function keyed(prefix: string, texts: Record<string, string>, shape: (text: string) => string = (t) => t): Messages {
  return Object.fromEntries(Object.entries(texts).map(([code, text]) => [`${prefix}.${code}`, shape(text)]));
}

export function translate(locale: Locale, key: string, vars?: Vars): string {
  const text = catalogues[locale][key] ?? catalogues.en[key] ?? key;
  return vars === undefined ? text : text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Every key of every locale, for the catalogue test. */
export function catalogueKeys(): Record<Locale, string[]> {
  return { 'zh-CN': Object.keys(catalogues['zh-CN']).sort(), en: Object.keys(catalogues.en).sort() };
}

const STORAGE_KEY = 'floorwatch.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage blocked: the default
  }
  return 'zh-CN';
}

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const useLocale = create<LocaleState>((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // not remembered, still switched
    }
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
    set({ locale });
  },
}));

export type T = (key: string, vars?: Vars) => string;

/** The translate function for the current locale; components re-render when it changes. */
export function useT(): T {
  const locale = useLocale((s) => s.locale);
  return (key, vars) => translate(locale, key, vars);
}
