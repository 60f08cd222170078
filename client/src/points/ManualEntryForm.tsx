/**
 * A supervisor's entry (articles 104-105): the agent, the item from the catalogue (its
 * article and points shown; technical expert takes 10, 6 or 3), why, the evidence, and
 * when it happened (today unless said). The server records the author.
 */
import { useId, useState, type FormEvent } from 'react';
import { POINTS_ITEMS, type ManualPointsInput, type PointsEntry, type PointsItemId } from '../../../shared/points.js';
import { FormError } from '../components/FormError.js';
import { errorField, errorOf, pageError, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useLocale, useT } from '../i18n/index.js';
import type { Say } from '../schedule/plan-input.js';
import { isDate, toEpoch } from '../schedule/plan-time.js';
import { choicesOf, DEDUCTION_ITEMS, itemName, REWARD_ITEMS, signed } from './items.js';
import { addEntry } from './points-api.js';

export interface EntryValues {
  agentId: string;
  item: PointsItemId | '';
  points: string;
  reason: string;
  evidence: string;
  date: string;
}

/** What is wrong by field: `M` is what `t` makes of a message key (the words, or the key kept to say at each render). */
type EntryErrors<M = string> = Partial<Record<keyof EntryValues, M>>;

/** The request body, or what is wrong by field. `date` is a day in the centre's zone (noon, so it stays that day). */
export function checkEntry<M>(v: EntryValues, tz: string | undefined, t: Say<M>): { ok: true; input: ManualPointsInput } | { ok: false; errors: EntryErrors<M> } {
  const errors: EntryErrors<M> = {};
  if (v.agentId.trim() === '') errors.agentId = t('points.error.agent');
  if (v.item === '') errors.item = t('points.error.item');
  if (v.reason.trim() === '') errors.reason = t('points.error.reason');
  if (v.date.trim() !== '' && !isDate(v.date)) errors.date = t('points.error.date');
  const choices = v.item === '' ? [] : choicesOf(v.item);
  if (choices.length > 1 && !choices.includes(Number(v.points))) errors.points = t('points.error.points', { choices: choices.join(', ') });
  if (Object.keys(errors).length > 0 || v.item === '') return { ok: false, errors };
  const evidence = v.evidence.split(/\n|,/).map((s) => s.trim()).filter((s) => s !== '');
  const at = v.date.trim() === '' ? undefined : toEpoch(v.date, '12:00', tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone) ?? undefined;
  return {
    ok: true,
    input: {
      agentId: v.agentId.trim(), item: v.item, reason: v.reason.trim(), evidence,
      ...(choices.length > 1 && { points: Number(v.points) }),
      ...(at !== undefined && { at }),
    },
  };
}

export function ManualEntryForm({ agentId, tz, agents, onAdded }: { agentId: string; tz: string | undefined; agents: readonly string[]; onAdded(e: PointsEntry): void }) {
  const t = useT();
  const say = useErrorText();
  const locale = useLocale((s) => s.locale);
  const id = useId();
  const [values, setValues] = useState<EntryValues>({ agentId, item: '', points: '', reason: '', evidence: '', date: '' });
  /** Kept as what to say, and said at each render: a switch of language applies to them. */
  const [errors, setErrors] = useState<EntryErrors<ErrorText>>({});
  const [failure, setFailure] = useState<ErrorText | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof EntryValues, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const choices = values.item === '' ? [] : choicesOf(values.item);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const checked = checkEntry(values, tz, pageError);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = (['agentId', 'item', 'points', 'reason', 'date'] as const).find((k) => checked.errors[k] !== undefined);
      if (first !== undefined) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const entry = await addEntry(checked.input);
      setValues((v) => ({ ...v, item: '', points: '', reason: '', evidence: '', date: '' }));
      onAdded(entry);
    } catch (err) {
      const error = errorOf(err);
      const field = errorField(error)?.split('.')[0];
      if (field === 'agentId' || field === 'item' || field === 'points' || field === 'reason' || field === 'evidence') setErrors({ [field]: error });
      else if (field === 'at') setErrors({ date: error });
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const err = (key: keyof EntryValues) => errors[key] !== undefined ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${key}-error` } : {};
  const errorText = (key: keyof EntryValues) => errors[key] !== undefined && <p id={`${id}-${key}-error`} className="field-error">{say(errors[key])}</p>;
  const option = (item: PointsItemId) => (
    <option key={item} value={item}>
      {`${POINTS_ITEMS[item].article} ${itemName(item, locale)} (${choicesOf(item).map(signed).join('/')})`}
    </option>
  );

  return (
    <form className="form points-entry" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`} className="section-title">{t('points.entry.title')}</h3>
      <div className="form-row">
        <div className="field field-narrow">
          <label className="field-label" htmlFor={`${id}-agentId`}>{t('points.col.agent')}</label>
          <input id={`${id}-agentId`} className="input" list={`${id}-agents`} autoComplete="off" value={values.agentId} onChange={(e) => set('agentId', e.target.value)} {...err('agentId')} />
          <datalist id={`${id}-agents`}>{agents.map((a) => <option key={a} value={a} />)}</datalist>
          {errorText('agentId')}
        </div>
        <div className="field points-item-field">
          <label className="field-label" htmlFor={`${id}-item`}>{t('points.entry.item')}</label>
          <select id={`${id}-item`} className="input" value={values.item} onChange={(e) => {
            const item = e.target.value as PointsItemId | '';
            setValues((v) => ({ ...v, item, points: item === '' ? '' : String(choicesOf(item)[0]) }));
          }} {...err('item')}>
            <option value="">{t('points.entry.chooseItem')}</option>
            <optgroup label={t('points.entry.rewards')}>{REWARD_ITEMS.map(option)}</optgroup>
            <optgroup label={t('points.entry.deductions')}>{DEDUCTION_ITEMS.map(option)}</optgroup>
          </select>
          {values.item !== '' && (
            <p className="field-hint">
              {t('points.entry.itemHint', { article: POINTS_ITEMS[values.item].article })}
              {POINTS_ITEMS[values.item].source === 'auto' && ` ${t('points.entry.autoHint')}`}
            </p>
          )}
          {errorText('item')}
        </div>
        <div className="field field-narrow">
          <label className="field-label" htmlFor={`${id}-points`}>{t('points.col.points')}</label>
          {choices.length > 1 ? (
            <select id={`${id}-points`} className="input" value={values.points} onChange={(e) => set('points', e.target.value)} {...err('points')}>
              {choices.map((c) => <option key={c} value={String(c)}>{t('points.entry.place', { place: choices.indexOf(c) + 1, points: signed(c) })}</option>)}
            </select>
          ) : (
            <output id={`${id}-points`} className="input points-fixed">{choices.length === 1 ? signed(choices[0]) : '—'}</output>
          )}
          {errorText('points')}
        </div>
        <div className="field field-date">
          <label className="field-label" htmlFor={`${id}-date`}>{t('points.entry.date')}</label>
          <input id={`${id}-date`} className="input" type="date" value={values.date} onChange={(e) => set('date', e.target.value)} {...err('date')} />
          <p className="field-hint">{t('points.entry.dateHint')}</p>
          {errorText('date')}
        </div>
      </div>
      <div className="form-row">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-reason`}>{t('points.col.reason')}</label>
          <textarea id={`${id}-reason`} className="input" rows={2} maxLength={2000} value={values.reason} onChange={(e) => set('reason', e.target.value)} {...err('reason')} />
          {errorText('reason')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-evidence`}>{t('points.col.evidence')}</label>
          <textarea id={`${id}-evidence`} className="input" rows={2} value={values.evidence} placeholder={t('points.entry.evidencePlaceholder')} onChange={(e) => set('evidence', e.target.value)} {...err('evidence')} />
          {errorText('evidence')}
        </div>
      </div>
      <FormError message={say(failure)} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('points.saving') : t('points.entry.submit')}</button>
      </div>
    </form>
  );
}
