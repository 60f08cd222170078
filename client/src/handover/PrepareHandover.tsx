/**
 * A floor supervisor prepares the handover of any teams at any shift change: for teams
 * whose lead is away, or a change the roster does not show. The server prefills it as it
 * does the outgoing lead's (`GET /api/v1/handovers/current?shiftChangeAt=&teamIds=`); the
 * page then shows it in the handover form like any other.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Handover } from '../../../shared/handover.js';
import { FormError } from '../components/FormError.js';
import { errorOf, pageError, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { localDate, toEpoch } from '../schedule/plan-time.js';
import { fetchCurrent } from './handover-api.js';

/** `A, B` or `A B` as team ids, without repeats. */
export function teamList(text: string): string[] {
  return [...new Set(text.split(/[,，\s]+/).map((t) => t.trim()).filter(Boolean))];
}

export function PrepareHandover({ tz, onPrepared }: { tz: string | undefined; onPrepared(draft: Handover): void }) {
  const t = useT();
  const say = useErrorText();
  const id = useId();
  const zone = tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [date, setDate] = useState(() => localDate(Date.now(), zone));
  const [time, setTime] = useState('');
  const [teams, setTeams] = useState('');
  /** Kept as what to say, and said at each render: a switch of language applies to it. */
  const [error, setError] = useState<{ field?: 'time' | 'teams'; message: ErrorText } | null>(null);
  const [busy, setBusy] = useState(false);

  const prepare = async (e: FormEvent) => {
    e.preventDefault();
    const shiftChangeAt = toEpoch(date, time, zone);
    const teamIds = teamList(teams);
    if (shiftChangeAt === null) return setError({ field: 'time', message: pageError('handover.prepare.errorTime') });
    if (teamIds.length === 0) return setError({ field: 'teams', message: pageError('handover.prepare.errorTeams') });
    setError(null);
    setBusy(true);
    try {
      const { toSubmit } = await fetchCurrent({ shiftChangeAt, teamIds });
      if (toSubmit === undefined) setError({ message: pageError('handover.prepare.nothing') });
      else onPrepared(toSubmit);
    } catch (err) {
      setError({ message: errorOf(err) });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: 'time' | 'teams') => (error?.field === field ? say(error.message) ?? undefined : undefined);
  return (
    <form className="form handover-prepare" onSubmit={(e) => void prepare(e)} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="handover-subtitle">{t('handover.prepare.title')}</h4>
      <p className="section-intro">{t('handover.prepare.intro')}</p>
      <div className="form-row">
        <div className="field field-date">
          <label className="field-label" htmlFor={`${id}-date`}>{t('handover.prepare.date')}</label>
          <input id={`${id}-date`} className="input" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field field-narrow">
          <label className="field-label" htmlFor={`${id}-time`}>{t('handover.prepare.time')}</label>
          <input
            id={`${id}-time`} className="input" type="time" value={time} onChange={(e) => setTime(e.target.value)}
            aria-invalid={fieldError('time') !== undefined} aria-describedby={fieldError('time') ? `${id}-time-error` : undefined}
          />
          {fieldError('time') && <p id={`${id}-time-error`} className="field-error">{fieldError('time')}</p>}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-teams`}>{t('handover.prepare.teams')}</label>
          <input
            id={`${id}-teams`} className="input" value={teams} placeholder={t('handover.prepare.teamsPlaceholder')} onChange={(e) => setTeams(e.target.value)}
            aria-invalid={fieldError('teams') !== undefined} aria-describedby={fieldError('teams') ? `${id}-teams-error` : undefined}
          />
          {fieldError('teams') && <p id={`${id}-teams-error`} className="field-error">{fieldError('teams')}</p>}
        </div>
      </div>
      <FormError message={error !== null && error.field === undefined ? say(error.message) : null} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>{busy ? t('handover.prepare.busy') : t('handover.prepare.button')}</button>
      </div>
    </form>
  );
}
