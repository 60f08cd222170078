/**
 * Message catalogues: Simplified Chinese (the policy's language, the default) and English.
 * Each area of the client keeps its own catalogue file (`messages-<area>.ts`) and adds it
 * with `addMessages`, so areas never edit one shared file. `useT()` gives the translate
 * function of the current locale; `{name}` placeholders are filled from `vars`.
 *
 * Plurals: when `vars.count` is a number, the locale's plural form of it (Intl.PluralRules:
 * `one`, `few`, ...) picks `<key>.<form>` if the catalogue has it, else `<key>` itself. So
 * English writes `x.one` beside `x` (the other forms); Chinese, with no plural forms, only `x`.
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

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many'] as const;
const pluralRules = new Map<Locale, Intl.PluralRules>();

/** `<key>.<form>` for `count` in this locale, when the catalogue has such a form. */
function pluralKey(locale: Locale, key: string, count: string | number | undefined): string | undefined {
  if (typeof count !== 'number') return undefined;
  let rules = pluralRules.get(locale);
  if (rules === undefined) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const form = `${key}.${rules.select(count)}`;
  return form in catalogues[locale] ? form : undefined;
}

export function translate(locale: Locale, key: string, vars?: Vars): string {
  const plural = pluralKey(locale, key, vars?.count);
  const text = (plural !== undefined ? catalogues[locale][plural] : undefined) ?? catalogues[locale][key] ?? catalogues.en[key] ?? key;
  return vars === undefined ? text : text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * Every key of every locale, for the catalogue test; a plural form (`x.one` beside `x`)
 * counts as its key, since one language needs forms another does not.
 */
export function catalogueKeys(): Record<Locale, string[]> {
  const keysOf = (messages: Messages) => [...new Set(Object.keys(messages).map((key) => {
    const dot = key.lastIndexOf('.');
    const base = key.slice(0, dot);
    return dot > 0 && (PLURAL_FORMS as readonly string[]).includes(key.slice(dot + 1)) && base in messages ? base : key;
  }))].sort();
  return { 'zh-CN': keysOf(catalogues['zh-CN']), en: keysOf(catalogues.en) };
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
