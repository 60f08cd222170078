/**
 * The handover routes of the REST contract (articles 80-82). A refused confirmation
 * (409: a critical alert still open on the teams, article 81) comes back as a value
 * naming the blocking alerts, since the page's job then is to show them.
 */
import type { Handover, HandoverAlertRef, HandoverStatus, SubmitHandoverInput } from '../../../shared/handover.js';
import { api, ApiError } from '../api.js';
import { errorOf, type ErrorText } from '../i18n/error-text.js';

const BASE = '/api/v1/handovers';

export interface CurrentHandovers {
  /** The handover this lead owes as the outgoing lead: a prefilled draft, or the one submitted. */
  toSubmit?: Handover;
  /** Handovers waiting for this lead (or, for a supervisor, anyone) to confirm. */
  toConfirm: Handover[];
}

/** `at`: a supervisor's chosen shift change and teams, prefilled as `toSubmit`. */
export function fetchCurrent(at?: { shiftChangeAt: number; teamIds: readonly string[] }): Promise<CurrentHandovers> {
  if (at === undefined) return api.get<CurrentHandovers>(`${BASE}/current`);
  const query = new URLSearchParams({ shiftChangeAt: String(at.shiftChangeAt), teamIds: at.teamIds.join(',') });
  return api.get<CurrentHandovers>(`${BASE}/current?${query.toString()}`);
}

export function fetchHandover(id: string): Promise<Handover> {
  return api.get<Handover>(`${BASE}/${encodeURIComponent(id)}`);
}

export function submitHandover(input: SubmitHandoverInput): Promise<Handover> {
  return api.post<Handover>(BASE, input);
}

/** A refusal keeps the server's answer (`error`), to be said in the language of each render. */
export type ConfirmOutcome = { ok: true; handover: Handover } | { ok: false; error: ErrorText; blocking: HandoverAlertRef[] };

export async function confirmHandover(id: string, note: string): Promise<ConfirmOutcome> {
  try {
    const handover = await api.post<Handover>(`${BASE}/${encodeURIComponent(id)}/confirm`, note.trim() === '' ? {} : { note: note.trim() });
    return { ok: true, handover };
  } catch (err) {
    const body = err instanceof ApiError ? (err.body as { blocking?: unknown } | undefined) : undefined;
    if (err instanceof ApiError && err.status === 409 && Array.isArray(body?.blocking)) {
      return { ok: false, error: errorOf(err), blocking: body.blocking as HandoverAlertRef[] };
    }
    throw err;
  }
}

export interface HandoverSearch {
  q: string;
  teamId: string;
  /** Epoch ms bounds (the page turns the dates typed into the centre's midnights). */
  from?: number;
  to?: number;
  status: '' | HandoverStatus;
}

export function searchQuery(s: HandoverSearch): string {
  const q = new URLSearchParams();
  if (s.q.trim() !== '') q.set('q', s.q.trim());
  if (s.teamId.trim() !== '') q.set('teamId', s.teamId.trim());
  if (s.from !== undefined) q.set('from', String(s.from));
  if (s.to !== undefined) q.set('to', String(s.to));
  if (s.status !== '') q.set('status', s.status);
  return q.toString();
}

export function searchHandovers(s: HandoverSearch): Promise<Handover[]> {
  const query = searchQuery(s);
  return api.get<Handover[]>(query === '' ? BASE : `${BASE}?${query}`);
}
