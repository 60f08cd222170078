/**
 * Saving one entry of the notification settings (a channel, a recipient, a route) from its
 * form: busy while the request runs; a refusal that names a field shown on the form goes to
 * that field, which gets the focus; any other refusal goes to the form, naming the field when
 * the server named one (so "contacts: ..." still says what to fix).
 *
 * A refusal is kept as it came and put in words at render, in the reader's language of the
 * moment, naming a field by the form's own label for it (`notify.field.*`), never by the
 * server's name for it (`password`).
 *
 * The form's inputs are found by id: `<prefix>-<field>`, a nested field's dots made dashes
 * (`contacts.0.to` -> `<prefix>-contacts-0-to`).
 */
import { useState } from 'react';
import { ApiError } from '../api.js';
import { errorOf, sayError } from '../i18n/error-text.js';
import { useLocale, useT, type Locale, type T } from '../i18n/index.js';
import { saveEntry, type NotifyList } from './NotificationsParts.js';

export interface EntrySave {
  busy: boolean;
  /** The refusal for the form as a whole, or null. */
  formError: string | null;
  /** The refusal for this field, or null. */
  fieldError(field: string): string | null;
  save(body: unknown): Promise<void>;
}

/** Nested fields whose label is not `notify.field.<path without its indexes>`. */
const NESTED_LABELS: Record<string, string> = {
  'contacts.channel': 'contactChannel',
  'contacts.to': 'contactTo',
  'quietHours.from': 'quietFrom',
  'quietHours.to': 'quietTo',
};

/** The notification forms' label for a field the server names (`password`, `contacts.0.to`), if they have one. */
export function notifyFieldLabel(t: T, field: string): string | undefined {
  const path = field.split('.').filter((part) => !/^\d+$/.test(part)).join('.');
  const key = `notify.field.${NESTED_LABELS[path] ?? path}`;
  const label = t(key);
  return label === key ? undefined : label;
}

/** A label to stand inside an English sentence ("enter the password again"); acronyms kept ("SMTP server"). */
function inSentence(label: string, locale: Locale): string {
  return locale === 'en' && /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

/** A refusal in words: by its code, with the field named as the form names it; else its message (no answer at all: the page's words). */
function refusalText(error: unknown, locale: Locale, label: (field: string) => string | undefined): string {
  return sayError(errorOf(error), locale, { fieldLabel: label });
}

interface Refusal {
  error: unknown;
  /** The field it names, when the form shows that field. */
  field?: string;
}

export function useEntrySave(list: NotifyList, id: string | undefined, prefix: string, onSaved: () => void): EntrySave {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (body: unknown) => {
    setBusy(true);
    setRefusal(null);
    try {
      await saveEntry(list, id, body);
      onSaved();
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined;
      const input = field === undefined ? null : document.getElementById(`${prefix}-${field.replace(/\./g, '-')}`);
      setRefusal(input !== null ? { error, field } : { error });
      input?.focus();
    } finally {
      setBusy(false);
    }
  };

  const text = refusal === null ? null : refusalText(refusal.error, locale, (field) => {
    const label = notifyFieldLabel(t, field);
    return label === undefined ? undefined : inSentence(label, locale);
  });
  const named = refusal?.error instanceof ApiError ? refusal.error.field : undefined;
  const formError = refusal === null || refusal.field !== undefined ? null
    : named === undefined ? text : `${notifyFieldLabel(t, named) ?? named}: ${text}`;
  return { busy, formError, fieldError: (field) => (refusal?.field === field ? text : null), save };
}
