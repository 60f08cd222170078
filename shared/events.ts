/**
 * The ingest contract, v1 (see docs/events.md): every feed is turned into these events.
 * One zod schema per event type; the TypeScript types are inferred from them so the
 * server, the simulator, the adapters and the client can never drift apart.
 *
 * Objects are `loose`: fields a newer feed adds are kept (the contract is additive), so
 * nothing an accepted event carried is lost in the log.
 */
import { z } from 'zod';

const MAX_ID = 200;
const id = z.string().min(1, 'must not be empty').max(MAX_ID, `at most ${MAX_ID} characters`);

/** The earliest event time taken: 2000-01-01T00:00:00Z. */
export const EARLIEST_EVENT_MS = 946_684_800_000;

/** ISO 8601 with an explicit offset (or Z), or epoch milliseconds; normalised to epoch ms. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** A local date-time without its offset: which zone it means is a guess the server will not make. */
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

/** What is wrong with a timestamp sent as a string, in the sender's terms. */
function timestampStringProblem(value: string): string {
  if (/^\d+$/.test(value)) return `epoch milliseconds in quotes: send them as a JSON number (${value}, not "${value}")`;
  if (ISO_WITHOUT_OFFSET.test(value)) return `no UTC offset: add Z or the offset it was taken in (e.g. ${value.replace(' ', 'T')}+08:00)`;
  return 'ISO 8601 with an offset (e.g. 2026-11-28T09:00:03+08:00) or epoch milliseconds';
}

/** Epoch milliseconds as sent: a whole, non-negative number. */
const epochMs = z.number().int('epoch milliseconds must be a whole number').nonnegative();

/** ISO 8601 with an explicit offset, as a string (not yet read as a time). */
const isoWithOffset = z.string().superRefine((value, ctx) => {
  if (!ISO_WITH_OFFSET.test(value)) ctx.addIssue({ code: 'custom', message: timestampStringProblem(value) });
});

function toEpochMs(value: number | string, ctx: z.RefinementCtx): number {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not a valid date' });
    return z.NEVER;
  }
  return ms;
}

/**
 * A time in any of our inputs (query bounds, schedules, hand-overs, points): one union,
 * then one transform, so a bad string's own message is the first issue callers show (a
 * union of branches with transforms of their own answers only "Invalid input").
 */
export const timestamp = z.union([epochMs, isoWithOffset]).transform(toEpochMs);

/**
 * Why an event time is too early to take. A feed sending epoch seconds would otherwise be
 * read as January 1970, silently (a query's bounds may be anything, so only event times
 * have this floor).
 */
function eventTimeProblem(ms: number): string {
  return ms >= 1e9 && ms < 1e10
    ? `${ms} looks like epoch seconds: send epoch milliseconds (${ms * 1000})`
    : 'before 2000-01-01: not a plausible event time (epoch milliseconds, or ISO 8601 with an offset)';
}

/**
 * An event's time: a timestamp no earlier than 2000. Ingest validates every event, and as
 * `timestamp` piped through a refinement this was more than half of an event's validation:
 * a number now passes its one branch with no transform after it. A bad string's own
 * message is then inside the union's issue (zod reports a failed branch with a transform
 * as a bare "Invalid input"): ingest reads it from there (parse-batch.ts, issueReason), and
 * its answers are word for word `timestamp`'s (test/unit/ingest/parse-batch.test.ts).
 */
export const eventTimestamp = z.union([
  epochMs.min(EARLIEST_EVENT_MS, { error: (issue) => eventTimeProblem(issue.input as number) }),
  isoWithOffset.transform(toEpochMs).superRefine((ms, ctx) => {
    if (ms < EARLIEST_EVENT_MS) ctx.addIssue({ code: 'custom', message: eventTimeProblem(ms) });
  }),
]);

const envelope = {
  id,
  ts: eventTimestamp,
  source: z.string().max(MAX_ID).optional(),
};

export const AGENT_STATES = ['available', 'not_ready'] as const;
export const NOT_READY_REASONS = ['break', 'meal', 'rest', 'meeting', 'training', 'other'] as const;
export type NotReadyReason = (typeof NOT_READY_REASONS)[number];
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export const NUMBER_CLASSES = ['customer', 'internal', 'private', 'unknown'] as const;
export const TRANSFER_TARGETS = ['survey', 'agent', 'queue', 'external'] as const;
export const RELEASED_BY = ['customer', 'agent', 'system'] as const;
export const END_REASONS = ['harassment', 'wrong_number', 'other'] as const;
export const SPEAKERS = ['agent', 'customer'] as const;

export const agentLogin = z.looseObject({
  ...envelope,
  type: z.literal('agent.login'),
  agentId: id,
  stationId: id,
  name: z.string().max(MAX_ID).optional(),
  teamId: id.optional(),
  role: z.enum(['agent', 'lead']).optional(),
});
export const agentLogout = z.looseObject({
  ...envelope,
  type: z.literal('agent.logout'),
  agentId: id,
  stationId: id,
  approvedBy: id.optional(),
  // Set by a feed that found, after losing its link, that the agent had left every queue
  // meanwhile: the logout happened during the gap, `ts` is when the feed found out.
  resync: z.boolean().optional(),
});
export const agentState = z.looseObject({
  ...envelope,
  type: z.literal('agent.state'),
  agentId: id,
  state: z.enum(AGENT_STATES),
  reason: z.enum(NOT_READY_REASONS).optional(),
});
export const callOffered = z.looseObject({
  ...envelope,
  type: z.literal('call.offered'),
  callId: id,
  queue: id,
  direction: z.enum(CALL_DIRECTIONS),
  from: z.string().max(MAX_ID).optional(),
  to: z.string().max(MAX_ID).optional(),
  numberClass: z.enum(NUMBER_CLASSES).optional(),
  /** An outbound call's agent, when the feed knows who dialled (an extension to v1: article 105.4 needs it). */
  agentId: id.optional(),
  // Set by a feed that learnt of the caller after the fact (found in the queue when it
  // resynced, or first met in its abandon): `ts` is when the caller joined, as the phone
  // system says, so the event is late by its nature and the wait counts from `ts`.
  resync: z.boolean().optional(),
});
export const callRinging = z.looseObject({
  ...envelope,
  type: z.literal('call.ringing'),
  callId: id,
  agentId: id,
  // Set by a feed that found the call already ringing when it resynced: since when is not
  // known (it rang at least from `ts`), so an answer in time is not counted a pass (art. 60).
  resync: z.boolean().optional(),
});
export const callAnswered = z.looseObject({
  ...envelope,
  type: z.literal('call.answered'),
  callId: id,
  agentId: id,
  // Set by a feed that found the call already answered when it resynced (at first connect or
  // after losing its link): how long it rang is not known, so it is not judged (art. 60).
  resync: z.boolean().optional(),
});
export const callHold = z.looseObject({
  ...envelope,
  type: z.literal('call.hold'),
  callId: id,
  agentId: id,
  consent: z.boolean(),
  reason: z.string().max(1000).optional(),
});
export const callUnhold = z.looseObject({ ...envelope, type: z.literal('call.unhold'), callId: id, agentId: id });
export const callTransferred = z.looseObject({
  ...envelope,
  type: z.literal('call.transferred'),
  callId: id,
  agentId: id,
  target: z.enum(TRANSFER_TARGETS),
  to: z.string().max(MAX_ID).optional(),
});
export const callEnded = z.looseObject({
  ...envelope,
  type: z.literal('call.ended'),
  callId: id,
  releasedBy: z.enum(RELEASED_BY),
  reason: z.enum(END_REASONS).optional(),
  // Set by a feed that ended the call itself: the phone system restarted, or the call was
  // gone when the feed resynced after losing its link. Nobody on the call closed it.
  pbxRestart: z.boolean().optional(),
  resync: z.boolean().optional(),
});
export const wrapupCompleted = z.looseObject({
  ...envelope,
  type: z.literal('wrapup.completed'),
  callId: id,
  agentId: id,
  callType: z.string().max(MAX_ID).optional(),
  notes: z.string().max(20_000).optional(),
  callbackDue: timestamp.optional(),
});
export const callbackCompleted = z.looseObject({ ...envelope, type: z.literal('callback.completed'), callId: id, agentId: id });
export const transcriptUtterance = z.looseObject({
  ...envelope,
  type: z.literal('transcript.utterance'),
  callId: id,
  speaker: z.enum(SPEAKERS),
  text: z.string().max(20_000),
  agentId: id.optional(),
});
export const urgentReported = z.looseObject({
  ...envelope,
  type: z.literal('urgent.reported'),
  agentId: id,
  summary: z.string().min(1).max(5_000),
  callId: id.optional(),
});
export const meetingStarted = z.looseObject({
  ...envelope,
  type: z.literal('meeting.started'),
  teamId: id,
  kind: z.enum(['pre_shift']),
});

export const floorEventSchema = z.discriminatedUnion('type', [
  agentLogin, agentLogout, agentState,
  callOffered, callRinging, callAnswered, callHold, callUnhold, callTransferred, callEnded,
  wrapupCompleted, callbackCompleted,
  transcriptUtterance, urgentReported, meetingStarted,
]);

/** What a feed sends (ts may be a string). */
export type FloorEventInput = z.input<typeof floorEventSchema>;
/** A validated event: `ts` (and `callbackDue`) are epoch milliseconds. */
export type FloorEvent = z.output<typeof floorEventSchema>;
export type FloorEventType = FloorEvent['type'];
export type EventOf<T extends FloorEventType> = Extract<FloorEvent, { type: T }>;

export const EVENT_TYPES = floorEventSchema.options.map((o) => o.shape.type.value) as FloorEventType[];
