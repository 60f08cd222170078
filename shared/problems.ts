/**
 * Why the server refused something, as a stable code with its parameters, beside the
 * English text every refusal has always carried (`error`: for logs, scripts and curl).
 * The wallboard speaks Chinese by default: it shows a refusal in its reader's language by
 * its code (client/src/i18n/messages-problems.ts), and falls back to `error` for a code it
 * does not know (a newer server) or a refusal without one.
 *
 * The English templates are here, once, for both ends: the server fills them, the client's
 * English catalogue is made from them. A code is part of the API: never rename or reuse
 * one; add new ones. Parameters are filled into `{name}` places.
 */
export const PROBLEMS = {
  // Any route.
  invalidField: 'invalid {field}: {detail}',
  bodyNotJson: 'the body is not valid JSON',
  notFound: 'not found',
  internal: 'internal error',
  storageUnavailable: 'the database cannot answer now ({what}); try again in a moment',
  starting: 'starting: the floor is being rebuilt; try again shortly',
  tooManyRequests: 'too many requests; try again later',
  // Signing in and who may do what.
  signInRequired: 'sign in first',
  wrongCredentials: 'wrong username or password',
  signInLocked: 'too many failed sign-ins; try again later',
  changePasswordFirst: 'change your password first',
  passwordNotChanged: 'password not changed',
  roleNotAllowed: 'not allowed for the {role} role',
  csrf: 'missing or wrong CSRF token (x-csrf-token)',
  // TV pairing (the admin's displays page, POST /api/v1/displays).
  pairCodeUnknown: 'no display is showing that code (it may have expired)',
  displayAlreadyPaired: 'that display is already paired',
  // Floor commands (articles 79, 93-94 and the alert desk).
  commandNotAllowed: 'the {role} role may not give the command {command}',
  notYourTeam: 'that is not one of your teams',
  alertNotOpen: 'alert {alertId} is not open (unknown or already resolved)',
  alertAlreadyAcknowledged: 'alert {alertId} was already acknowledged by {by}',
  alertAlreadyFalseAlarm: 'alert {alertId} was already marked a false alarm by {by}',
  alertAtTopLevel: 'alert {alertId} is already with the department manager, the last level',
  escalateToOwnLevel: 'escalating would pass the alert to your own level: acknowledge it instead',
  alertNotVisible: 'no open alert with this id is visible to you',
  agentNotOnFloor: 'no agent {agentId} on your floor today',
  holdRuleOff: 'the hold-consent rule is disabled',
  callNotOnHold: 'call {callId} is not on hold',
  holdApprovalTooShort: 'invalid seconds: {seconds} s is not longer than call {callId} has already been on hold ({heldSeconds} s); allow more than that',
  agentUnknown: 'agent {agentId} is neither on the floor nor in the plan',
  notApplied: 'the command was not applied',
  ownerChanged: 'already applied before a change of owner; reload to see its effect',
  // Handovers (articles 80-82).
  handoverBlocked: 'Article 81: no handover while an exception is unresolved; critical alerts are open: {alerts}',
  handoverDraftRole: 'drafts are for shift leads, supervisors and managers',
  handoverWriters: 'only shift leads and floor supervisors submit and confirm handovers',
  handoverReaders: 'not allowed: handovers are read by administrators, supervisors, managers and the leads of their teams',
  notYourTeams: 'not your teams: {teams}',
  handoverConfirmed: 'this handover was confirmed by {by}; it cannot be changed',
  handoverAlreadyConfirmed: 'already confirmed by {by}',
  handoverNotOutgoing: 'only the outgoing lead or a floor supervisor submits this handover ({who})',
  handoverNotIncoming: 'only the incoming lead or a floor supervisor confirms this handover ({who})',
  handoverNotFound: 'no handover {id}',
  // Points (articles 95-99).
  pointsReaders: 'not allowed: points are read by administrators, supervisors, managers and the leads of the agents\' teams',
  pointsWriters: 'only a floor supervisor or a department manager enters or reverses points',
  agentNotYours: 'agent {agentId} is not in your teams',
  pointsFuture: 'invalid at: the entry is dated in the future',
  pointsEntryNotFound: 'no points entry {id}',
  pointsEntryIsReversal: 'entry {id} is itself a reversal (of {of}); it cannot be reversed',
  pointsEntryReversed: 'entry {id} is already reversed by {by}',
  pointsQuarter: 'invalid quarter: write it like 2026-Q4',
  pointsChoice: 'invalid points: {item} (article {article}) is one of {choices}; say which',
  pointsFixed: 'invalid points: {item} (article {article}) is {points} by the catalogue',
  pointsAgentUnknown: 'invalid agentId: agent {agentId} is unknown here: never seen on the floor, not in the plan, no points in the ledger',
  // Feeds (POST /api/v1/events): no token sent, or one the server does not take.
  feedTokenRequired: 'a feed token is required (Authorization: Bearer <token>)',
  feedTokenInvalid: 'the feed token is not valid (revoked or mistyped)',
  feedTokenNotBearer: 'an Authorization header without the Bearer scheme: send "Authorization: Bearer <token>"',
  // Schedules (article 79): each row's problem has a code of its own (schedule-problems.ts).
  scheduleFileProblems: '{count} problem(s) in the file',
  // Notification channels (the admin page, /api/v1/notify/channels).
  secretDestinationChanged: 'enter the {field} again: the server it is sent to changed',
  destinationForbidden: 'invalid {field}: {host} is a link-local or cloud metadata address; notifications are never sent there',
  // Acknowledge links in notifications (/ack/<token>, docs/notifications.md).
  ackLinkInvalid: 'this acknowledge link is not valid (incomplete or changed); use the link exactly as it came in the message',
  ackLinkUsed: 'this acknowledge link has been used already; each link works once',
  ackLinkExpired: 'this acknowledge link has expired; acknowledge the alert on the wallboard',
  ackLinkAccountGone: 'the account this acknowledge link was sent to ({account}) does not exist or is disabled',
  ackLinkOtherAccount: 'this acknowledge link was sent to {account}, and you are signed in as {signedIn}: sign in as {account} to use it',
  ackLinkPageStale: 'this page is out of date (the session changed since it was opened): open the acknowledge link again',
} as const;

export type ProblemCode = keyof typeof PROBLEMS;
export type ProblemParams = Record<string, string | number>;

/** A refusal's body: the English text, and what a screen needs to say it in another language. */
export interface Problem {
  error: string;
  code: ProblemCode;
  params?: ProblemParams;
}

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROBLEMS, value);
}

/** `{name}` places filled from `params`; a place without a parameter is left as it is. */
export function fillTemplate(template: string, params: ProblemParams | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The refusal with this code. `english` overrides the template's text where the server
 * says more than a screen needs (a list it shows on its own), so logs keep every detail.
 */
export function problem(code: ProblemCode, params?: ProblemParams, english?: string): Problem {
  return { error: english ?? fillTemplate(PROBLEMS[code], params), code, ...(params !== undefined && { params }) };
}
