/**
 * Saving one entry of the notification settings (a channel, a recipient, a route) from its
 * form: busy while the request runs; a refusal that names a field shown on the form goes to
 * that field, which gets the focus; any other refusal goes to the form, naming the field when
 * the server named one (so "contacts: ..." still says what to fix).
 *
 * The form's inputs are found by id: `<prefix>-<field>`, a nested field's dots made dashes
 * (`contacts.0.to` -> `<prefix>-contacts-0-to`).
 */
import { useState } from 'react';
import { ApiError, messageOf } from '../api.js';
import { saveEntry, type NotifyList } from './NotificationsParts.js';

export interface EntrySave {
  busy: boolean;
  /** The refusal for the form as a whole, or null. */
  formError: string | null;
  /** The refusal for this field, or null. */
  fieldError(field: string): string | null;
  save(body: unknown): Promise<void>;
}

export function useEntrySave(list: NotifyList, id: string | undefined, prefix: string, onSaved: () => void): EntrySave {
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (body: unknown) => {
    setBusy(true);
    setFieldError(null);
    setFormError(null);
    try {
      await saveEntry(list, id, body);
      onSaved();
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined;
      const input = field === undefined ? null : document.getElementById(`${prefix}-${field.replace(/\./g, '-')}`);
      if (field !== undefined && input !== null) {
        setFieldError({ field, message: messageOf(error) });
        input.focus();
      } else setFormError(field === undefined ? messageOf(error) : `${field}: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return { busy, formError, fieldError: (field) => (fieldError?.field === field ? fieldError.message : null), save };
}
