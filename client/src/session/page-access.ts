/**
 * Which people see which of the work pages, and who may change what on them. The server
 * decides again on every request (the REST contract of issue 6); this only keeps the
 * navigation and the buttons to what the server would allow, so nobody is offered a
 * form that can only be refused.
 */
import type { Role } from '../../../shared/access.js';

const SCHEDULE_READERS: readonly Role[] = ['admin', 'supervisor', 'manager', 'lead'];
/** Leads read their teams' plan; the plan itself is the supervisors' and the WFM job's. */
const SCHEDULE_EDITORS: readonly Role[] = ['admin', 'supervisor', 'manager'];
/** Everyone but a display reads the log; the admin only its history. */
const HANDOVER_READERS: readonly Role[] = ['admin', 'supervisor', 'manager', 'lead'];
/** Who is shown the handovers pending now (`/handovers/current`). */
const HANDOVER_WORKERS: readonly Role[] = ['supervisor', 'manager', 'lead'];
/** The outgoing lead submits and the incoming lead confirms; a supervisor may do either in their place. */
const HANDOVER_WRITERS: readonly Role[] = ['supervisor', 'lead'];
const POINTS_READERS: readonly Role[] = ['admin', 'supervisor', 'manager', 'lead'];
/** Manual entries and reversals (articles 104-105): supervisors and the department manager. */
const POINTS_WRITERS: readonly Role[] = ['supervisor', 'manager'];
/** Article 79: the lead of the agent's team lets them leave; a supervisor may too. */
const LEAVE_APPROVERS: readonly Role[] = ['lead', 'supervisor'];

export const mayReadSchedule = (role: Role): boolean => SCHEDULE_READERS.includes(role);
export const mayEditSchedule = (role: Role): boolean => SCHEDULE_EDITORS.includes(role);
export const mayReadHandovers = (role: Role): boolean => HANDOVER_READERS.includes(role);
export const mayWorkHandovers = (role: Role): boolean => HANDOVER_WORKERS.includes(role);
export const mayWriteHandovers = (role: Role): boolean => HANDOVER_WRITERS.includes(role);
export const mayReadPoints = (role: Role): boolean => POINTS_READERS.includes(role);
export const mayWritePoints = (role: Role): boolean => POINTS_WRITERS.includes(role);
export const mayApproveLeave = (role: Role): boolean => LEAVE_APPROVERS.includes(role);
