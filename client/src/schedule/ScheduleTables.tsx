/**
 * The plan as tables, per team: a day lists each shift with its seat and breaks; a week
 * is a grid of agents by day. The lead duties follow, with the teams each lead leads.
 * Editors get Edit and Delete on every row; a lead reads.
 */
import type { ReactNode } from 'react';
import type { LeadShift, ScheduleView, Shift } from '../../../shared/schedule.js';
import { useLocale, useT, type T } from '../i18n/index.js';
import { DeleteButton } from './DeleteButton.js';
import { formatBreaks, localDate, spanText } from './plan-time.js';

export interface PlanActions {
  editShift(s: Shift): void;
  deleteShift(s: Shift): Promise<void>;
  editLead(l: LeadShift): void;
  deleteLead(l: LeadShift): Promise<void>;
}

const NO_TEAM = '';
const byNumber = new Intl.Collator('en', { numeric: true });

/** Shifts by team (teams sorted, shifts without a team last). */
export function shiftsByTeam(shifts: readonly Shift[], team: string): Array<[string, Shift[]]> {
  const groups = new Map<string, Shift[]>();
  for (const s of shifts) {
    const key = s.teamId ?? NO_TEAM;
    if (team !== '' && key !== team) continue;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === NO_TEAM ? 1 : b === NO_TEAM ? -1 : byNumber.compare(a, b)))
    .map(([key, list]) => [key, list.sort((a, b) => a.start - b.start || byNumber.compare(a.agentId, b.agentId))]);
}

export function DayTable({ view, date, team, actions }: { view: ScheduleView; date: string; team: string; actions?: PlanActions }) {
  const t = useT();
  const tz = view.timezone;
  const groups = shiftsByTeam(view.shifts.filter((s) => localDate(s.start, tz) === date), team);
  if (groups.length === 0) return <p className="panel-empty">{t('schedule.noShifts')}</p>;
  return (
    <>
      {groups.map(([teamId, shifts]) => (
        <TeamSection key={teamId} teamId={teamId} count={shifts.length}>
          <table className="table plan-table">
            <thead>
              <tr>
                <th scope="col">{t('schedule.col.agent')}</th>
                <th scope="col">{t('schedule.col.shift')}</th>
                <th scope="col">{t('schedule.col.station')}</th>
                <th scope="col">{t('schedule.col.breaks')}</th>
                {actions !== undefined && <th scope="col" className="row-actions">{t('schedule.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {shifts.map((s) => (
                <tr key={s.id} data-shift={s.id}>
                  <PersonCell id={s.agentId} name={s.name} />
                  <td className="nowrap plan-time">{spanText(s, tz)}</td>
                  <td>{s.stationId ?? '—'}</td>
                  <td>{s.breaks.length === 0 ? '—' : <span className="plan-breaks">{formatBreaks(s.breaks, tz).split('; ').map((b) => <span key={b} className="plan-break">{breakWords(t, b)}</span>)}</span>}</td>
                  {actions !== undefined && <EditDeleteCell what={shiftName(t, s, tz)} onEdit={() => actions.editShift(s)} onDelete={() => actions.deleteShift(s)} />}
                </tr>
              ))}
            </tbody>
          </table>
        </TeamSection>
      ))}
    </>
  );
}

export function WeekGrid({ view, dates, team, actions }: { view: ScheduleView; dates: readonly string[]; team: string; actions?: PlanActions }) {
  const t = useT();
  const dayHeading = useDayHeading();
  const tz = view.timezone;
  const groups = shiftsByTeam(view.shifts, team);
  if (groups.length === 0) return <p className="panel-empty">{t('schedule.noShifts')}</p>;
  return (
    <>
      {groups.map(([teamId, shifts]) => {
        const agents = [...new Set(shifts.map((s) => s.agentId))].sort(byNumber.compare);
        return (
          <TeamSection key={teamId} teamId={teamId} count={agents.length}>
            <table className="table plan-week">
              <thead>
                <tr>
                  <th scope="col">{t('schedule.col.agent')}</th>
                  {dates.map((d) => <th key={d} scope="col" className="nowrap">{dayHeading(d)}</th>)}
                </tr>
              </thead>
              <tbody>
                {agents.map((agentId) => {
                  const own = shifts.filter((s) => s.agentId === agentId);
                  const name = own.find((s) => s.name !== undefined)?.name;
                  return (
                    <tr key={agentId}>
                      <PersonCell id={agentId} name={name} />
                      {dates.map((d) => (
                        <td key={d} className="plan-cell">
                          {own.filter((s) => localDate(s.start, tz) === d).map((s) => {
                            const text = spanText(s, tz);
                            const detail = [s.stationId, formatBreaks(s.breaks, tz)].filter(Boolean).join(' · ');
                            const chip = <>{text}{s.stationId !== undefined && <span className="plan-chip-sub">{s.stationId}</span>}</>;
                            // An editor's chip opens the shift; a reader's only shows it.
                            return actions !== undefined ? (
                              <button key={s.id} type="button" className="plan-chip" title={detail} aria-label={t('schedule.editOf', { what: shiftName(t, s, tz) })} onClick={() => actions.editShift(s)}>{chip}</button>
                            ) : (
                              <span key={s.id} className="plan-chip" title={detail}>{chip}</span>
                            );
                          })}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TeamSection>
        );
      })}
    </>
  );
}

export function LeadTable({ view, dates, team, actions }: { view: ScheduleView; dates: readonly string[]; team: string; actions?: PlanActions }) {
  const t = useT();
  const dayHeading = useDayHeading();
  const tz = view.timezone;
  const leads = view.leads
    .filter((l) => dates.includes(localDate(l.start, tz)) && (team === '' || l.teamIds.includes(team)))
    .sort((a, b) => a.start - b.start || byNumber.compare(a.leadId, b.leadId));
  if (leads.length === 0) return <p className="panel-empty">{t('schedule.noLeads')}</p>;
  return (
    <div className="table-scroll">
      <table className="table plan-table plan-leads">
        <thead>
          <tr>
            <th scope="col">{t('schedule.col.date')}</th>
            <th scope="col">{t('schedule.col.duty')}</th>
            <th scope="col">{t('schedule.col.lead')}</th>
            <th scope="col">{t('schedule.col.account')}</th>
            <th scope="col">{t('schedule.col.teams')}</th>
            {actions !== undefined && <th scope="col" className="row-actions">{t('schedule.col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {leads.map((l) => (
            <tr key={l.id} data-lead-shift={l.id}>
              <td className="nowrap">{dayHeading(localDate(l.start, tz))}</td>
              <td className="nowrap plan-time">{spanText(l, tz)}</td>
              <PersonCell id={l.leadId} name={l.name} />
              <td>{l.account !== undefined ? <code>{l.account}</code> : '—'}</td>
              <td>{l.teamIds.join(', ')}</td>
              {actions !== undefined && <EditDeleteCell what={leadName(t, l, tz)} onEdit={() => actions.editLead(l)} onDelete={() => actions.deleteLead(l)} />}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function teamLabel(t: T, teamId: string): string {
  return teamId === NO_TEAM ? t('schedule.noTeam') : t('schedule.team', { team: teamId });
}

/** One team's part of the plan: its name and how many, then its table. */
function TeamSection({ teamId, count, children }: { teamId: string; count: number; children: ReactNode }) {
  const t = useT();
  return (
    <section className="plan-team" aria-label={teamLabel(t, teamId)}>
      <h4 className="plan-team-title">{teamLabel(t, teamId)} <span className="panel-count">{count}</span></h4>
      <div className="table-scroll">{children}</div>
    </section>
  );
}

/** A row's person: the agent or lead number, the name under it when the plan gives one. */
function PersonCell({ id, name }: { id: string; name: string | undefined }) {
  return <th scope="row">{id}{name !== undefined && <span className="cell-sub">{name}</span>}</th>;
}

/** An editor's Edit and Delete for one row, both naming what they act on. */
function EditDeleteCell({ what, onEdit, onDelete }: { what: string; onEdit(): void; onDelete(): Promise<void> }) {
  const t = useT();
  return (
    <td className="row-actions">
      <span className="row-buttons">
        <button type="button" className="button button-quiet" aria-label={t('schedule.editOf', { what })} onClick={onEdit}>{t('schedule.edit')}</button>
        <DeleteButton what={what} onDelete={onDelete} />
      </span>
    </td>
  );
}

/** "10:00-10:15 meal" with the kind in the reader's words. */
function breakWords(t: T, text: string): string {
  const [span, kind] = text.split(' ');
  return `${span} ${t(`schedule.break.${kind}`)}`;
}

function shiftName(t: T, s: Shift, tz: string): string {
  return t('schedule.shiftOf', { agent: s.agentId, date: localDate(s.start, tz), span: spanText(s, tz) });
}

function leadName(t: T, l: LeadShift, tz: string): string {
  return t('schedule.dutyOf', { lead: l.leadId, date: localDate(l.start, tz), span: spanText(l, tz) });
}

/** "Sat 28 Nov" / "11月28日周六": short, in the reader's language; the weekday matters on a rota. */
export function useDayHeading(): (date: string) => string {
  const locale = useLocale((s) => s.locale);
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  // Noon UTC of the date: the same calendar day whatever the formatter's zone.
  return (date) => format.format(new Date(`${date}T12:00:00Z`));
}
