/**
 * `/schedule`: the plan of shifts (agents at seats, with breaks and meals) and lead duties,
 * by day or week and per team, in the centre's time zone. Supervisors, managers and
 * admins import it from the WFM tool's CSV or YAML and correct it by hand; a lead reads
 * their teams' plan (the server sends a lead nothing else).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '../../../shared/access.js';
import type { LeadShift, ScheduleView, Shift } from '../../../shared/schedule.js';
import { FormError } from '../components/FormError.js';
import { PageShell } from '../components/PageShell.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { usePageTitle } from '../page-title.js';
import { ImportForm } from '../schedule/ImportForm.js';
import { addDays, datesOf, localDate, windowOf } from '../schedule/plan-time.js';
import { LeadForm, ShiftForm } from '../schedule/PlanForms.js';
import { deleteLeadShift, deleteShift, fetchSchedule } from '../schedule/schedule-api.js';
import { DayTable, LeadTable, WeekGrid, type PlanActions } from '../schedule/ScheduleTables.js';
import '../schedule/schedule.css';
import { mayEditSchedule } from '../session/page-access.js';

type Mode = 'day' | 'week';
type Editing = { kind: 'shift'; shift?: Shift } | { kind: 'lead'; lead?: LeadShift } | null;

export function SchedulePage({ me }: { me: Me }) {
  const t = useT();
  const say = useErrorText();
  usePageTitle(t('schedule.title'));
  const canEdit = mayEditSchedule(me.role);
  const [view, setView] = useState<ScheduleView | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  const [mode, setMode] = useState<Mode>('day');
  /** The first day shown; null until the server has said what "today" is where the centre is. */
  const [date, setDate] = useState<string | null>(null);
  const [team, setTeam] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [reload, setReload] = useState(0);
  /** What the last change did, said once it is saved (a status line, for screen readers too). */
  const [done, setDone] = useState<'saved' | 'deleted' | null>(null);
  const tz = view?.timezone;
  // The form opens at the top of a long page: it is brought into view and its first field
  // focused; closed, focus goes back to the control that opened it (its row's Edit button),
  // so the editor of the 40th row is not left at the top of the page.
  const editorRef = useRef<HTMLElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = (next: NonNullable<Editing>) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDone(null);
    setEditing(next);
  };
  const editingKey = editing === null ? null : `${editing.kind}:${editing.kind === 'shift' ? editing.shift?.id : editing.lead?.id}`;
  useEffect(() => {
    if (editingKey === null) return;
    const editor = editorRef.current;
    editor?.scrollIntoView?.({ block: 'start' });
    editor?.querySelector<HTMLElement>('input, select, textarea')?.focus({ preventScroll: true });
  }, [editingKey]);
  const close = () => {
    setEditing(null);
    const back = opener.current;
    opener.current = null;
    // After the change the row may be gone (deleted, moved to another day): then the page's add button.
    requestAnimationFrame(() => (back?.isConnected ? back : document.querySelector<HTMLElement>('.plan-add button'))?.focus());
  };

  const load = useCallback(async (signal: { cancelled: boolean }) => {
    try {
      const next = await fetchSchedule(date === null || tz === undefined ? undefined : windowOf(mode, date, tz));
      if (signal.cancelled) return;
      setView(next);
      setError(null);
      if (date === null) setDate(localDate(next.from, next.timezone));
    } catch (err) {
      if (!signal.cancelled) setError(errorOf(err));
    }
    // `tz` is read, not followed: it only changes with an answer, which must not ask again.
  }, [mode, date]);

  useEffect(() => {
    const signal = { cancelled: false };
    void load(signal);
    return () => { signal.cancelled = true; };
  }, [load, reload]);

  const dates = useMemo(() => (date === null ? [] : datesOf(mode, date)), [mode, date]);
  const teams = useMemo(() => teamsOf(view), [view]);
  const stations = useMemo(() => [...new Set((view?.shifts ?? []).flatMap((s) => s.stationId ?? []))].sort(), [view]);

  const saved = (what: 'saved' | 'deleted' = 'saved') => {
    close();
    setDone(what);
    setReload((n) => n + 1);
  };
  const actions: PlanActions | undefined = canEdit ? {
    editShift: (shift) => open({ kind: 'shift', shift }),
    editLead: (lead) => open({ kind: 'lead', lead }),
    deleteShift: async (s) => { await deleteShift(s.id); saved('deleted'); },
    deleteLead: async (l) => { await deleteLeadShift(l.id); saved('deleted'); },
  } : undefined;

  const step = (days: number) => date !== null && setDate(addDays(date, days));

  return (
    <PageShell me={me} title={t('schedule.title')}>
      <section className="panel plan-toolbar" aria-label={t('schedule.controls')}>
        <div className="plan-toolbar-row">
          <div className="segmented" role="group" aria-label={t('schedule.viewLabel')}>
            {(['day', 'week'] as const).map((m) => (
              <button key={m} type="button" className="button button-quiet" aria-pressed={mode === m} onClick={() => setMode(m)}>
                {t(`schedule.view.${m}`)}
              </button>
            ))}
          </div>
          <div className="plan-dates">
            <button type="button" className="button button-quiet" onClick={() => step(mode === 'day' ? -1 : -7)} aria-label={t('schedule.previous')}>‹</button>
            <label className="visually-hidden" htmlFor="plan-date">{t('schedule.date')}</label>
            <input id="plan-date" className="input plan-date" type="date" value={date ?? ''} onChange={(e) => e.target.value !== '' && setDate(e.target.value)} />
            <button type="button" className="button button-quiet" onClick={() => step(mode === 'day' ? 1 : 7)} aria-label={t('schedule.next')}>›</button>
            {view !== null && (
              <button type="button" className="button button-quiet" onClick={() => setDate(localDate(Date.now(), view.timezone))}>{t('schedule.today')}</button>
            )}
          </div>
          <label className="plan-team-filter">
            <span className="plan-team-label">{t('schedule.teamFilter')}</span>
            <select className="input" value={team} onChange={(e) => setTeam(e.target.value)}>
              <option value="">{t('schedule.allTeams')}</option>
              {teams.map((x) => <option key={x} value={x}>{x}</option>)}
            </select>
          </label>
          {canEdit && tz !== undefined && (
            <div className="plan-add">
              <button type="button" className="button button-primary" onClick={() => open({ kind: 'shift' })}>{t('schedule.addShift')}</button>
              <button type="button" className="button button-quiet" onClick={() => open({ kind: 'lead' })}>{t('schedule.addLead')}</button>
            </div>
          )}
        </div>
        <p className="muted plan-zone">
          {tz !== undefined && t('schedule.zone', { tz })}
          {!canEdit && <> {t('schedule.readOnly')}</>}
        </p>
      </section>
      <FormError message={say(error)} />
      <p className="plan-done" role="status">{done === null ? '' : t(`schedule.done.${done}`)}</p>

      {editing !== null && tz !== undefined && date !== null && (
        <section className="panel plan-editor" ref={editorRef}>
          {editing.kind === 'shift' ? (
            <ShiftForm key={editing.shift?.id ?? 'new'} tz={tz} date={date} editing={editing.shift} teams={teams} stations={stations} onSaved={() => saved()} onCancel={close} />
          ) : (
            <LeadForm key={editing.lead?.id ?? 'new'} tz={tz} date={date} editing={editing.lead} teams={teams} onSaved={() => saved()} onCancel={close} />
          )}
        </section>
      )}

      {canEdit && tz !== undefined && (
        <section className="panel plan-import">
          <ImportForm tz={tz} onImported={(from) => {
            setDate(localDate(from, tz));
            setReload((n) => n + 1);
          }} />
        </section>
      )}

      {view === null ? (
        error === null && <p className="panel-empty" role="status">{t('schedule.loading')}</p>
      ) : date !== null && (
        <>
          <section className="panel" aria-labelledby="plan-shifts-title">
            <h3 id="plan-shifts-title" className="section-title">{t('schedule.shifts')}</h3>
            {mode === 'day'
              ? <DayTable view={view} date={date} team={team} actions={actions} />
              : <WeekGrid view={view} dates={dates} team={team} actions={actions} />}
          </section>
          <section className="panel" aria-labelledby="plan-leads-title">
            <h3 id="plan-leads-title" className="section-title">{t('schedule.leads')}</h3>
            <p className="section-intro">{t('schedule.leadsIntro')}</p>
            <LeadTable view={view} dates={dates} team={team} actions={actions} />
          </section>
        </>
      )}

    </PageShell>
  );
}

/** Every team the plan names (shifts' teams and those the leads lead), sorted. */
function teamsOf(view: ScheduleView | null): string[] {
  if (view === null) return [];
  const teams = new Set<string>();
  for (const s of view.shifts) if (s.teamId !== undefined) teams.add(s.teamId);
  for (const l of view.leads) for (const team of l.teamIds) teams.add(team);
  return [...teams].sort(new Intl.Collator('en', { numeric: true }).compare);
}
