/**
 * The rules file (YAML): which rules run, their thresholds and whom they notify. A
 * threshold the policy gives defaults to the policy's value; where it gives none, the
 * default is ours (docs/rules.md, "Where the defaults come from", says which is which).
 * Strict objects: a misspelt key is an error that names it, never silently ignored.
 */
import { z } from 'zod';
import { ESCALATION_LEVELS, SEVERITIES } from './rules.js';

const seconds = z.number().positive().max(7 * 24 * 3600);
const severity = z.enum(SEVERITIES);
const level = z.enum(ESCALATION_LEVELS);
const phrases = z.array(z.string().min(1)).max(500);

/** Fields every rule has. */
function rule<T extends z.ZodRawShape>(defaults: { severity: z.infer<typeof severity> }, shape: T) {
  return z.strictObject({
    enabled: z.boolean().default(true),
    severity: severity.default(defaults.severity),
    /** The first level told; escalation continues upward from it. */
    notify: level.default('lead'),
    ...shape,
  }).prefault({} as never); // every field has a default; TS can't see that through the generic
}

export const rulesConfigSchema = z.strictObject({
  /** The centre's time zone: where "today" and the 15-minute intervals begin. */
  timezone: z.string().min(1).default('Asia/Shanghai'),
  serviceLevel: z.strictObject({
    thresholdSeconds: seconds.default(10),
    mode: z.enum(['abandons-against', 'abandons-ignored', 'threshold-abandons-excluded', 'threshold-abandons-met'])
      .default('abandons-against'),
    /** Abandons quicker than this are left out of every figure's denominator. 0 counts them all. */
    shortAbandonSeconds: z.number().min(0).max(600).default(5),
  }).prefault({}),
  /**
   * Seconds an alert may stay unacknowledged at a level before it moves up
   * (lead -> supervisor -> manager), per severity. Omit a level to stop there.
   */
  escalation: z.strictObject({
    critical: z.strictObject({ lead: seconds.optional(), supervisor: seconds.optional() }).prefault({ lead: 60, supervisor: 120 }),
    warning: z.strictObject({ lead: seconds.optional(), supervisor: seconds.optional() }).prefault({ lead: 300, supervisor: 600 }),
    info: z.strictObject({ lead: seconds.optional(), supervisor: seconds.optional() }).prefault({}),
  }).prefault({}),
  rules: z.strictObject({
    'answer-3-rings': rule({ severity: 'warning' }, {
      ringSeconds: seconds.default(10),
      /** Said by the agent early in a late-answered call (art. 60); empty disables the check. */
      apologyPhrases: phrases.default(['抱歉', '对不起', '不好意思', 'sorry']),
      /** How many of the agent's first utterances may carry the apology. */
      apologyWithinUtterances: z.number().int().positive().default(2),
    }),
    greeting: rule({ severity: 'info' }, {
      /** Every fragment must appear in the agent's first utterance; {agent} is the agent number. */
      inbound: phrases.default(['您好', '{agent}号', '为您服务']),
      outbound: phrases.default(['您好', '客服中心', '{agent}号']),
    }),
    'hold-consent': rule({ severity: 'warning' }, {
      /** Hold length allowed without a shift lead's approval. The policy sets none; 60 s is ours. */
      maxHoldSeconds: seconds.default(60),
    }),
    'forbidden-phrases': rule({ severity: 'critical' }, {
      phrases: phrases.default(['没有办法', '我不知道', '这事不归我管', '不归我管', '你自己看着办']),
    }),
    'no-hangup-first': rule({ severity: 'warning' }, {
      /** A harassment release must be reported (art. 65): that alert's severity. */
      harassmentSeverity: severity.default('critical'),
    }),
    'survey-transfer': rule({ severity: 'info' }, {}),
    'wrap-up-record': rule({ severity: 'warning' }, {
      maxAfterCallSeconds: seconds.default(120),
      requireNotes: z.boolean().default(true),
    }),
    'callback-promise': rule({ severity: 'warning' }, {}),
    'rest-off-hook': rule({ severity: 'warning' }, {
      /** A call waiting longer than this makes off-hook rest a breach. */
      waitSeconds: seconds.default(30),
    }),
    'urgent-escalation': rule({ severity: 'critical' }, {}),
    'one-agent-one-login': rule({ severity: 'critical' }, {
      /** Optional seat plan: agent number -> its own station. */
      seats: z.record(z.string(), z.string()).default({}),
    }),
    'away-without-reason': rule({ severity: 'warning' }, {
      /** Not ready with no reason code for longer than this is an alert. */
      noReasonSeconds: seconds.default(120),
      /**
       * Longest allowed length of each not-ready reason; omitted reasons are unlimited. Rest
       * has no default: art. 88 allows off-hook rest in low-traffic periods with no limit (a
       * limit set here alerts, but proposes no 105.11 deduction).
       */
      maxSeconds: z.strictObject({
        break: seconds.optional(),
        meal: seconds.optional(),
        rest: seconds.optional(),
        meeting: seconds.optional(),
        training: seconds.optional(),
        other: seconds.optional(),
      }).prefault({ break: 900, meal: 2700, other: 300 }),
      /**
       * For agents with a shift: a meal may begin this long before its arranged window and
       * still count as arranged (art. 105.12); a clock or two minutes apart is no breach.
       */
      scheduleGraceMinutes: z.number().min(0).max(120).default(5),
      /**
       * For agents with a shift: a logout mid-shift (before no-leaving-post's end window)
       * without a lead's approval is leaving the seat (art. 105.11) once the agent has been
       * out this long; a re-login within it (a softphone crash, a restart) is no breach.
       */
      logoutGraceSeconds: z.number().min(0).max(3600).default(120),
    }),
    'private-call': rule({ severity: 'warning' }, {
      /** Art. 105.4: a private call received is allowed this long; one placed through the seat system is not allowed at all. */
      maxSeconds: seconds.default(180),
    }),
    'lead-early': rule({ severity: 'warning' }, {
      /** Art. 78: the incoming lead is on site this long before the shift. */
      arriveMinutes: z.number().min(0).max(240).default(20),
      /** Art. 78: the pre-shift meeting has started this long before the shift. */
      meetingMinutes: z.number().min(0).max(240).default(10),
    }),
    'no-leaving-post': rule({ severity: 'warning' }, {
      /** A logout this close to (or after) the shift's end is "leaving at shift end". */
      endWindowMinutes: z.number().min(0).max(240).default(30),
    }),
    absence: rule({ severity: 'warning' }, {
      /** A scheduled agent not logged in this long after the shift starts is absent. */
      graceMinutes: z.number().min(0).max(24 * 60).default(15),
    }),
  }).prefault({}),
  /**
   * Automatic points entries (articles 104-105) the engine derives from what it sees.
   * Every item can be switched off on its own; supervisors still enter it by hand.
   */
  points: z.strictObject({
    enabled: z.boolean().default(true),
    items: z.strictObject({
      'full-attendance': z.boolean().default(true),
      'little-bee': z.boolean().default(true),
      absence: z.boolean().default(true),
      'private-call': z.boolean().default(true),
      'leaving-seat': z.boolean().default(true),
      'unarranged-meal': z.boolean().default(true),
      'polite-language': z.boolean().default(true),
    }).prefault({}),
  }).prefault({}),
});

export type RulesConfig = z.output<typeof rulesConfigSchema>;
export type RulesConfigInput = z.input<typeof rulesConfigSchema>;

export function defaultRulesConfig(): RulesConfig {
  return rulesConfigSchema.parse({});
}
