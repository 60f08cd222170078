/**
 * The second step of submitting a handover, inside the form: once submitted, the log
 * (article 80) goes to the incoming lead and only they (or a supervisor) move it on, so a
 * stray click on Submit must not send a half-written one. It says whom it goes to and
 * which sections are left empty; empty is allowed (a quiet shift has no swallowed cards to
 * record), it is only said. Focus moves here when it opens, so a keyboard or screen-reader
 * user hears it rather than a button that changed under them.
 */
import { useEffect, useId, useRef } from 'react';
import type { Handover, HandoverField } from '../../../shared/handover.js';
import { HANDOVER_FIELDS } from '../../../shared/handover.js';
import { useT } from '../i18n/index.js';
import { usePersonNames } from '../session/people.js';

/** The sections with nothing but blanks in them, in the form's order. */
export function emptyFields(fields: Record<HandoverField, string>): HandoverField[] {
  return HANDOVER_FIELDS.filter((f) => (fields[f] ?? '').trim() === '');
}

export function SubmitConfirmation({ fields, incoming, criticalOpen, busy, onBack }: {
  fields: Record<HandoverField, string>;
  incoming: Handover['incoming'];
  criticalOpen: number;
  busy: boolean;
  onBack(): void;
}) {
  const t = useT();
  const name = usePersonNames();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  const who = incoming.name ?? name(incoming.account) ?? incoming.leadId;
  const empty = emptyFields(fields);
  // The labels carry the paper form's numbers ("7. 吞卡记录"); in a list of names they read as noise.
  const names = empty.map((f) => t(`handover.field.${f}`).replace(/^\d+\.\s*/, '')).join(t('handover.confirmSubmit.joiner'));
  return (
    <div ref={box} tabIndex={-1} className="handover-submit-confirm" role="group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="handover-subtitle">{t('handover.confirmSubmit.title')}</h4>
      <p className="handover-submit-to">{who === undefined ? t('handover.confirmSubmit.toSupervisor') : t('handover.confirmSubmit.to', { who })}</p>
      {empty.length === 0 ? (
        <p className="handover-submit-empty">{t('handover.confirmSubmit.allFilled')}</p>
      ) : (
        <p className="handover-submit-empty">
          <strong>{t('handover.confirmSubmit.empty', { fields: names })}</strong>{' '}
          <span className="muted">{t('handover.confirmSubmit.emptyOk')}</span>
        </p>
      )}
      {criticalOpen > 0 && <p className="handover-submit-critical">{t('handover.submit.criticalOpen', { n: criticalOpen })}</p>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('handover.submit.busy') : t('handover.confirmSubmit.button')}</button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={onBack}>{t('handover.confirmSubmit.back')}</button>
      </div>
    </div>
  );
}
