/**
 * The seat handover log (articles 80-82). The outgoing shift lead fills it in, pre-filled
 * from the shift's alerts and figures, and submits it; the incoming lead confirms it.
 * Confirmation is refused while a critical alert is open on the teams (article 81); on
 * confirmation the open alerts pass to the incoming team (article 82).
 */
import type { AlertTitleCode, AlertTitleParams } from './alert-titles.js';
import { z } from 'zod';
import type { Severity, RuleId } from './rules.js';
import { timestamp } from './events.js';

/** The policy's fields, in its order (article 80). */
export const HANDOVER_FIELDS = [
  'shiftStatus', 'importantEvents', 'problemsFound', 'openIssues', 'repliesPending', 'notices',
  'swallowedCards', 'erroneousAccounts', 'managementTasks',
] as const;
export type HandoverField = (typeof HANDOVER_FIELDS)[number];

const text = z.string().max(20_000, 'at most 20,000 characters');

export const handoverFieldsSchema = z.strictObject(
  Object.fromEntries(HANDOVER_FIELDS.map((f) => [f, text.default('')])) as Record<HandoverField, z.ZodDefault<z.ZodString>>,
);

/** The longest `prefillToken` a submission may hand back. */
export const MAX_PREFILL_TOKEN = 512 * 1024;

/**
 * The outgoing lead submits. `shiftChangeAt` is the boundary between the two lead duties.
 * `prefillToken`: the draft's, to keep the figures the lead was shown; without it (or
 * with one the server no longer honours) they are read again.
 */
export const submitHandoverInput = z.strictObject({
  shiftChangeAt: timestamp,
  teamIds: z.array(z.string().min(1).max(200)).min(1, 'name one team at least').max(100),
  fields: handoverFieldsSchema,
  prefillToken: z.string().min(1).max(MAX_PREFILL_TOKEN).optional(),
});
export type SubmitHandoverInput = z.input<typeof submitHandoverInput>;

export const confirmHandoverInput = z.strictObject({
  note: z.string().max(2000).optional(),
});

/** An alert as the handover names it: enough to find it on the desk. */
export interface HandoverAlertRef {
  id: string;
  rule: RuleId;
  article: string;
  severity: Severity;
  title: string;
  /** The title's code and parameters (shared/alert-titles.ts); absent in handovers stored before codes existed. */
  titleCode?: AlertTitleCode;
  titleParams?: AlertTitleParams;
  status: 'open' | 'acknowledged' | 'resolved';
  teamId?: string;
  openedAt: number;
}

/**
 * What the server fills in from the shift (the lead edits the text fields, not this): read
 * at one moment, `asOf`, and kept as the lead was shown it (see docs/handover.md).
 */
export interface HandoverPrefill {
  from: number;
  to: number;
  /** When the figures were read (absent in handovers stored before it was recorded). */
  asOf?: number;
  alertsOpened: number;
  alertsResolved: number;
  byRule: Partial<Record<RuleId, number>>;
  /** Alerts still open or acknowledged at `asOf`. */
  open: HandoverAlertRef[];
  /**
   * Inbound calls offered in the window's 15-minute intervals (those at least half inside
   * [from, to), floor-wide), and of those same calls the ones answered and abandoned by
   * `asOf`: offered >= answered + abandoned. Service level = of them answered within the
   * threshold / (answered + abandoned).
   */
  calls: {
    offered: number; answered: number; abandoned: number; serviceLevel: number | null;
    /**
     * The span the figures cover: from the first counted interval's start to the last one's
     * end. A shift change off the quarter hour counts the intervals at least half inside the
     * shift (from 16:26: from 16:30; from 18:49: from 18:45), and the screen says so. Absent when no interval was counted, and in handovers stored before it.
     */
    intervalsFrom?: number;
    intervalsTo?: number;
  };
  /** Schedule adherence of the teams over the shift, 0-100. */
  adherencePercent: number | null;
  absences: string[];
}

export type HandoverStatus = 'draft' | 'submitted' | 'confirmed';

export interface Handover {
  id: string;
  shiftChangeAt: number;
  teamIds: string[];
  outgoing: { leadId?: string; account?: string; name?: string };
  incoming: { leadId?: string; account?: string; name?: string };
  fields: Record<HandoverField, string>;
  prefill: HandoverPrefill;
  /** A draft's prefill, sealed: hand it back on submission to store these very figures. */
  prefillToken?: string;
  status: HandoverStatus;
  submittedAt?: number;
  submittedBy?: string;
  confirmedAt?: number;
  confirmedBy?: string;
  confirmNote?: string;
  /** Alerts that passed to the incoming team on confirmation (article 82). */
  transferredAlerts: string[];
}

/** A refused confirmation names what blocks it. */
export interface HandoverRefusal {
  ok: false;
  error: string;
  field: 'alerts';
  blocking: HandoverAlertRef[];
}
