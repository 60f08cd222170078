/**
 * One handover to read (and print): who handed over to whom, when, for which teams, its
 * status, the nine fields of the seat handover log (article 80) and what the server
 * gathered from the shift.
 */
import type { ReactNode } from 'react';
import type { Handover } from '../../../shared/handover.js';
import { HANDOVER_FIELDS } from '../../../shared/handover.js';
import { useT, type T } from '../i18n/index.js';
import { formatCentreDateTime } from '../time/format.js';
import { usePersonNames, type NameOf } from '../session/people.js';
import { PrefillSummary } from './PrefillSummary.js';

/**
 * A lead as people know them: the roster's name, else their account's person's name (the
 * roster need not carry one), never the username beside it (a code, not a name: it stays
 * in the tooltip, `PersonName`).
 */
export function personText(t: T, p: Handover['outgoing'], name: NameOf): string {
  return p.name ?? name(p.account) ?? p.leadId ?? t('handover.unknownLead');
}

export function usePersonText(): (p: Handover['outgoing']) => string {
  const t = useT();
  const name = usePersonNames();
  return (p) => personText(t, p, name);
}

export function PersonName({ person }: { person: Handover['outgoing'] }) {
  const text = usePersonText();
  return <span className="handover-person" title={person.account}>{text(person)}</span>;
}

export function HandoverMeta({ handover: h, tz }: { handover: Handover; tz: string | undefined }) {
  const t = useT();
  const name = usePersonNames();
  const time = (ms: number) => formatCentreDateTime(ms, tz);
  return (
    <dl className="handover-meta">
      <div><dt>{t('handover.meta.change')}</dt><dd className="handover-when">{time(h.shiftChangeAt)}</dd></div>
      <div><dt>{t('handover.meta.teams')}</dt><dd>{h.teamIds.join(', ')}</dd></div>
      <div><dt>{t('handover.meta.outgoing')}</dt><dd><PersonName person={h.outgoing} /></dd></div>
      <div><dt>{t('handover.meta.incoming')}</dt><dd><PersonName person={h.incoming} /></dd></div>
      <div><dt>{t('handover.meta.status')}</dt><dd><span className={`pill handover-status status-${h.status}`}>{t(`handover.status.${h.status}`)}</span></dd></div>
      {h.submittedAt !== undefined && (
        <div><dt>{t('handover.meta.submitted')}</dt><dd>{t('handover.byAt', { who: name(h.submittedBy) ?? '?', time: time(h.submittedAt) })}</dd></div>
      )}
      {h.confirmedAt !== undefined && (
        <div><dt>{t('handover.meta.confirmed')}</dt><dd>{t('handover.byAt', { who: name(h.confirmedBy) ?? '?', time: time(h.confirmedAt) })}</dd></div>
      )}
      {h.confirmNote !== undefined && h.confirmNote !== '' && (
        <div><dt>{t('handover.meta.note')}</dt><dd className="handover-text">{h.confirmNote}</dd></div>
      )}
      {h.status === 'confirmed' && (
        <div><dt>{t('handover.meta.transferred')}</dt><dd>{h.transferredAlerts.length === 0 ? t('handover.none') : t('handover.transferredCount', { n: h.transferredAlerts.length })}</dd></div>
      )}
    </dl>
  );
}

/** The nine fields, read-only, numbered as on the paper form. */
export function HandoverFieldsView({ handover: h }: { handover: Handover }) {
  const t = useT();
  return (
    <ol className="handover-fields-view">
      {HANDOVER_FIELDS.map((f) => (
        <li key={f} data-field={f}>
          <h5 className="handover-field-label">{t(`handover.field.${f}`)}</h5>
          <p className={`handover-text${h.fields[f].trim() === '' ? ' muted' : ''}`}>{h.fields[f].trim() === '' ? t('handover.empty') : h.fields[f]}</p>
        </li>
      ))}
    </ol>
  );
}

export function HandoverView({ handover, tz, children }: { handover: Handover; tz: string | undefined; children?: ReactNode }) {
  const t = useT();
  return (
    <article className="handover" data-handover={handover.id} aria-label={t('handover.articleLabel', { time: formatCentreDateTime(handover.shiftChangeAt, tz) })}>
      <HandoverMeta handover={handover} tz={tz} />
      <HandoverFieldsView handover={handover} />
      <PrefillSummary prefill={handover.prefill} tz={tz} />
      {children}
    </article>
  );
}
