/** The two plan forms: an agent's shift at a seat, and a shift lead's duty over teams. */
import type { LeadShift, LeadShiftInput, Shift, ShiftInput } from '../../../shared/schedule.js';
import { pageError } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { checkLead, checkShift, leadValues, shiftValues, type LeadValues, type ShiftValues } from './plan-input.js';
import { PlanForm, type FieldSpec } from './PlanForm.js';
import { saveLeadShift, saveShift } from './schedule-api.js';

interface FormProps<S> {
  tz: string;
  /** The date a new entry starts on (the day the page shows). */
  date: string;
  editing?: S;
  teams: readonly string[];
  onSaved(): void;
  onCancel(): void;
}

export function ShiftForm({ tz, date, editing, teams, stations, onSaved, onCancel }: FormProps<Shift> & { stations: readonly string[] }) {
  const t = useT();
  const specs: FieldSpec<ShiftValues>[] = [
    { key: 'agentId', label: t('schedule.col.agent'), required: true },
    { key: 'name', label: t('schedule.col.name') },
    { key: 'date', label: t('schedule.col.date'), type: 'date', required: true },
    { key: 'start', label: t('schedule.col.start'), type: 'time', required: true },
    { key: 'end', label: t('schedule.col.end'), type: 'time', required: true, hint: t('schedule.endHint') },
    { key: 'stationId', label: t('schedule.col.station'), suggestions: stations },
    { key: 'teamId', label: t('schedule.col.team'), suggestions: teams },
    { key: 'breaks', label: t('schedule.col.breaks'), hint: t('schedule.breaksHint'), wide: true },
  ];
  return (
    <PlanForm<ShiftValues, ShiftInput>
      title={editing === undefined ? t('schedule.addShift') : t('schedule.editShift', { agent: editing.agentId })}
      submitLabel={t('schedule.saveShift')}
      specs={specs}
      initial={shiftValues(editing, tz, date)}
      check={(v) => checkShift(v, tz, pageError, editing)}
      save={saveShift}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

export function LeadForm({ tz, date, editing, teams, onSaved, onCancel }: FormProps<LeadShift>) {
  const t = useT();
  const specs: FieldSpec<LeadValues>[] = [
    { key: 'leadId', label: t('schedule.col.lead'), required: true, hint: t('schedule.leadHint') },
    { key: 'name', label: t('schedule.col.name') },
    { key: 'account', label: t('schedule.col.account'), hint: t('schedule.accountHint') },
    { key: 'date', label: t('schedule.col.date'), type: 'date', required: true },
    { key: 'start', label: t('schedule.col.start'), type: 'time', required: true },
    { key: 'end', label: t('schedule.col.end'), type: 'time', required: true, hint: t('schedule.endHint') },
    { key: 'teams', label: t('schedule.col.teams'), required: true, hint: t('schedule.teamsHint'), suggestions: teams },
  ];
  return (
    <PlanForm<LeadValues, LeadShiftInput>
      title={editing === undefined ? t('schedule.addLead') : t('schedule.editLead', { lead: editing.leadId })}
      submitLabel={t('schedule.saveLead')}
      specs={specs}
      initial={leadValues(editing, tz, date)}
      check={(v) => checkLead(v, tz, pageError, editing)}
      save={saveLeadShift}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}
