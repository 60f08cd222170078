/**
 * What is wrong with a row of a schedule file, as a stable code with its parameters beside
 * the English text (`message`: for the CLI, logs and scripts). A planner fixes a whole file
 * from this list, so the wallboard shows each one in its reader's language by its code
 * (client/src/i18n/messages-schedule-problems.ts), as it does refusals (problems.ts).
 * A code is part of the API: never rename or reuse one; add new ones.
 */
import { fillTemplate, type ProblemParams } from './problems.js';

export const SCHEDULE_PROBLEMS = {
  // Dates and times (server/schedule/local-time.ts).
  required: 'required',
  notADate: '"{text}" is not a date (YYYY-MM-DD)',
  notACalendarDate: '{text} is not a calendar date',
  notATime: '"{text}" is not a time (HH:MM (local to the centre), HH:MM+08:00, or a full ISO 8601 time with an offset)',
  notATimeOfDay: '"{text}" is not a time of day',
  notPlaceable: '{date} {time} cannot be placed in time',
  notADateTime: '"{text}" is not a date and time',
  notAValidTime: '"{text}" is not a valid time',
  dateRequired: 'required with a clock time "{text}" (or give a full ISO 8601 time)',
  sameAsStart: '"{text}" is the same time as the start',
  notWithinADay: '"{text}" does not fall within a day of the start',
  notEpochMs: 'epoch milliseconds must be a whole number >= 0',
  // Breaks.
  notABreak: '"{text}" is not a break (write HH:MM-HH:MM break, or HH:MM-HH:MM meal; separate breaks with ;)',
  notABreakKind: '"{kind}" is not a kind of break (break or meal)',
  breakOutsideShift: 'the {kind} {start}-{end} is outside the shift {shiftStart}-{shiftEnd}',
  // Rows against each other ({where}: "row 3" in CSV, "shifts item 3" in YAML; {row}: the 3).
  agentSameStart: 'the same agent {who} starting at the same time as {where}',
  leadSameStart: 'the same lead {who} starting at the same time as {where}',
  agentOverlap: 'agent {who} is already planned {date} {start}-{end} ({where})',
  leadOverlap: 'lead {who} is already planned {date} {start}-{end} ({where})',
  // The shared schemas' own checks (shared/schedule.ts).
  endNotAfterStart: 'a shift must end after it starts',
  breakEndNotAfterStart: 'a break must end after it starts',
  breaksOutsideShift: 'every break must lie inside its shift',
  empty: 'must not be empty',
  tooLong: 'at most 200 characters',
  noTeams: 'a lead leads one team at least',
  accountTooLong: 'at most 64 characters',
  tooManyBreaks: 'at most 20 breaks in a shift',
  tooManyTeams: 'at most 100 teams',
  // A value of the wrong kind, by what the schema expected.
  notAList: 'must be a list',
  notAMapping: 'must be a mapping of keys',
  notText: 'must be text',
  notANumber: 'must be a number',
  notOneOf: 'must be one of {options}',
  // Any other check a schema makes, in the validator's English ({detail}): none of the
  // schedule schemas' checks is left to it, but a new check must not go unreported.
  invalidValue: '{detail}',
  // The file as a whole.
  notCsv: 'not readable as CSV: {detail}',
  headerMissing: 'the header row is missing ({columns})',
  unknownColumn: 'unknown column (known: {columns})',
  columnTwice: 'this column appears twice',
  columnMissing: 'a required column is missing',
  tooManyValues: '{values} values for {columns} columns',
  notARowKind: '"{kind}" is neither shift nor lead',
  onlyLeadRows: 'only lead rows have a {column}',
  onlyShiftRows: 'only shift rows have a {column}',
  notJson: 'not valid JSON: {detail}',
  notYaml: 'not valid YAML: {detail}',
  unknownTopKey: 'unknown top-level key {key} (a schedule has shifts and leads)',
  notASchedule: '{detail} (a schedule is an object with shifts and leads lists)',
  fileNotAMapping: 'a schedule is a mapping with shifts and leads lists',
  sectionNotAList: '{key} must be a list of items',
  unknownKey: 'unknown key',
  notTextOrNumber: 'must be text or a number',
  notAnItem: 'each item must be a mapping of keys (agent, start, end...)',
  emptyFile: 'the file holds no shifts and no lead duties',
} as const;

export type ScheduleProblemCode = keyof typeof SCHEDULE_PROBLEMS;

/** Which part of a break a time problem is about (the break's own field names it too). */
export type BreakPart = 'breakStart' | 'breakEnd';

/** One problem, without where it is. */
export interface ScheduleProblem {
  message: string;
  code: ScheduleProblemCode;
  params?: ProblemParams;
  /** Set when a time problem is about a break's start or end. */
  part?: BreakPart;
}

/**
 * One problem in a file. `row`: the CSV line (the header is line 1) or the 1-based item
 * of its `section` in YAML/JSON (0 for the file as a whole). `field`: the column or key.
 */
export interface RowProblem extends ScheduleProblem {
  row: number;
  field: string;
  section?: 'shifts' | 'leads';
}

const PART_ENGLISH: Record<BreakPart, string> = { breakStart: 'break start', breakEnd: 'break end' };

export function scheduleProblem(code: ScheduleProblemCode, params?: ProblemParams): ScheduleProblem {
  return { message: fillTemplate(SCHEDULE_PROBLEMS[code], params), code, ...(params !== undefined && { params }) };
}

/** The same problem, said of a break's start or end. */
export function ofBreak(problem: ScheduleProblem, part: BreakPart): ScheduleProblem {
  return { ...problem, message: `${PART_ENGLISH[part]}: ${problem.message}`, part };
}

/** What of a validator's issue (zod's) says what is wrong: its kind, its words, what it expected. */
export interface SchemaIssue {
  code: string;
  message: string;
  expected?: unknown;
  values?: readonly unknown[];
}

/** zod's names for the kinds of value, as the codes that say "must be" one. */
const EXPECTED: Record<string, ScheduleProblemCode> = {
  array: 'notAList', object: 'notAMapping', string: 'notText', number: 'notANumber',
};

/**
 * The code for an issue the shared schemas or the file readers raise: a check that names a
 * template here taking no parameters, a value of the wrong kind, a value outside a list;
 * else `invalidValue` with the validator's own words (English only).
 */
export function schemaProblem(issue: SchemaIssue): ScheduleProblem {
  const known = (Object.keys(SCHEDULE_PROBLEMS) as ScheduleProblemCode[])
    .find((code) => SCHEDULE_PROBLEMS[code] === issue.message && !issue.message.includes('{'));
  if (known !== undefined) return scheduleProblem(known);
  const expected = issue.code === 'invalid_type' && typeof issue.expected === 'string' ? EXPECTED[issue.expected] : undefined;
  if (expected !== undefined) return scheduleProblem(expected);
  if (issue.code === 'invalid_value' && issue.values !== undefined && issue.values.length > 0) {
    return scheduleProblem('notOneOf', { options: issue.values.map(String).join(', ') });
  }
  return scheduleProblem('invalidValue', { detail: issue.message });
}

export function isScheduleProblemCode(value: unknown): value is ScheduleProblemCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SCHEDULE_PROBLEMS, value);
}
