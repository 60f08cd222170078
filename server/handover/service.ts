/**
 * The seat handover log (articles 80-82). The outgoing shift lead submits a handover
 * pre-filled from the shift; the incoming lead confirms it. Confirmation goes through the
 * floor as the `handover.confirm` command, so the engine decides in log order whether a
 * critical alert blocks it (article 81) and moves the open alerts to the incoming lead
 * (article 82); this service keeps the log and says who may do what.
 *
 * Crash between the two: the command is in the floor's log before the handover is marked
 * confirmed here. If the process dies in between, the handover is still `submitted`, and
 * confirming again works: the engine finds the alerts already owned by this handover and
 * answers ok, and `transferredAlerts` is rebuilt from the alerts that name this handover.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import {
  confirmHandoverInput, submitHandoverInput, type Handover, type HandoverAlertRef,
} from '../../shared/handover.js';
import type { Viewer } from '../access/principal.js';
import type { FloorService } from '../floor/types.js';
import type { Actor, Auditor } from '../http/command-handlers.js';
import { invalid, refuse, type HandoverOutcome, type HandoverRefusalOutcome } from './outcome.js';
import { alertRef, buildPrefill, draftFields } from './prefill.js';
import { createPrefillSeal } from './seal.js';
import { dutyOwed, leadRef, leadsAtChange, rosterWindow, sameAccount, type LeadRef } from './roster.js';
import { HandoverStoreConflictError, MAX_HANDOVER_LIMIT, handoverId, type HandoverQuery, type HandoverStore } from './store.js';
import { problem } from '../../shared/problems.js';

/** Without an outgoing duty on the roster, the prefill covers this long before the shift change. */
export const DEFAULT_SHIFT_MS = 8 * 3600 * 1000;
/** How far back the roster is read for the duty a lead owes: a long duty plus the grace. */
const OWED_LOOKBACK_MS = 36 * 3600 * 1000;
/** The most alerts a prefill reads (far more than a shift has). */
const ALERT_READ_LIMIT = 10_000;

export interface HandoverServiceDeps {
  floor: FloorService;
  store: HandoverStore;
  audit: Auditor;
  clock: { now(): number };
  logger?: Logger;
  /**
   * The key that seals drafts' prefills (seal.ts): the database's (notify_meta, see
   * notify/store/open.ts: readDatabaseKey), so a draft outlives a restart. Without it, a
   * random key of this service's own (tests): its drafts die with it.
   */
  sealKey?: string;
}

export interface HandoverService {
  /** The handover for this shift change and teams: the stored one, else a prefilled draft. */
  draft(viewer: Viewer, shiftChangeAt: number, teamIds: string[]): Promise<HandoverOutcome<Handover>>;
  current(viewer: Viewer, at?: { shiftChangeAt: number; teamIds: string[] }): Promise<HandoverOutcome<{ toSubmit?: Handover; toConfirm: Handover[] }>>;
  submit(actor: Actor, input: unknown): Promise<HandoverOutcome<Handover>>;
  confirm(actor: Actor, id: string, input: unknown): Promise<HandoverOutcome<Handover>>;
  search(viewer: Viewer, query: HandoverQuery): Promise<HandoverOutcome<Handover[]>>;
  get(viewer: Viewer, id: string): Promise<HandoverOutcome<Handover>>;
}

const WRITERS = problem('handoverWriters');
const READERS = problem('handoverReaders');

export function createHandoverService(deps: HandoverServiceDeps): HandoverService {
  const { floor, store, audit, clock } = deps;
  const seal = createPrefillSeal(deps.sealKey ?? randomBytes(32).toString('hex'), clock);
  /** Submissions and confirmations one at a time: each reads the stored state, then writes it. */
  let writing: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = writing.then(fn);
    writing = run.catch(() => undefined);
    return run;
  };

  function roster(shiftChangeAt: number, teamIds: readonly string[]): { outgoing: LeadRef; incoming: LeadRef; from: number } {
    const window = rosterWindow(shiftChangeAt);
    const { outgoing, incoming } = leadsAtChange(floor.schedule(window.from, window.to).leads, shiftChangeAt, teamIds);
    return { outgoing: leadRef(outgoing), incoming: leadRef(incoming), from: outgoing?.start ?? shiftChangeAt - DEFAULT_SHIFT_MS };
  }

  /** A handover stored before the roster named its incoming lead learns it from today's roster. */
  function withIncoming(h: Handover): Handover {
    if (h.status === 'confirmed' || h.incoming.account !== undefined) return h;
    const { incoming } = roster(h.shiftChangeAt, h.teamIds);
    return incoming.account === undefined ? h : { ...h, incoming };
  }

  /**
   * A draft: the roster's leads and the prefill read now (`asOf`), sealed so that the
   * submission can keep the figures the lead was shown (seal.ts). The alerts are read
   * first, the floor's figures right after them without waiting in between.
   */
  async function compose(shiftChangeAt: number, teamIds: string[]): Promise<Handover> {
    const { outgoing, incoming, from } = roster(shiftChangeAt, teamIds);
    const [opened, live] = await Promise.all([
      floor.listAlerts({ from, to: shiftChangeAt, limit: ALERT_READ_LIMIT }),
      floor.listAlerts({ status: ['open', 'acknowledged'], limit: ALERT_READ_LIMIT }),
    ]);
    const snapshot = floor.snapshot();
    const prefill = buildPrefill({
      from, to: shiftChangeAt, asOf: clock.now(), teamIds, opened, live, intervals: snapshot.intervals,
      ...(snapshot.adherence !== undefined && { adherence: snapshot.adherence }),
    });
    const id = handoverId(shiftChangeAt, teamIds);
    return {
      id, shiftChangeAt, teamIds, outgoing, incoming,
      fields: draftFields(prefill, teamIds, floor.rules().timezone), prefill, prefillToken: seal.seal(id, prefill),
      status: 'draft', transferredAlerts: [],
    };
  }

  /**
   * The prefill a submission stores: the one its token sealed for this handover when that
   * covers the same window (the roster may have moved the outgoing duty since), else the
   * one just read.
   */
  function keptPrefill(composed: Handover, token: string | undefined): Handover['prefill'] {
    const shown = token === undefined ? undefined : seal.open(composed.id, token);
    return shown !== undefined && shown.from === composed.prefill.from && shown.to === composed.prefill.to ? shown : composed.prefill;
  }

  /** May this viewer read this handover? A lead: one of their teams, or they are one of its leads. */
  function mayRead(viewer: Viewer, h: Handover): boolean {
    if (viewer.role === 'display') return false;
    if (viewer.role !== 'lead') return true;
    return h.teamIds.some((t) => viewer.teams.includes(t))
      || sameAccount(h.outgoing.account, viewer.username) || sameAccount(h.incoming.account, viewer.username);
  }

  function auditOf(actor: Actor, action: string, target: string, detail: Record<string, unknown>): Promise<unknown> {
    return audit.record({ actor: actor.viewer.id, action, target, ...(actor.ip !== undefined && { ip: actor.ip }), detail });
  }

  /**
   * A shift lead drafts, submits and confirms only handovers of their own teams: being the
   * roster's outgoing or incoming lead is not enough, since the roster is the plan's word
   * and the account's teams are what the lead may act on (the alerts of the teams pass at
   * confirmation). The refusal, or undefined when they may.
   */
  function notTheirTeams(viewer: Viewer, teamIds: readonly string[]): HandoverRefusalOutcome | undefined {
    if (viewer.role !== 'lead') return undefined;
    const foreign = teamIds.filter((t) => !viewer.teams.includes(t));
    return foreign.length === 0 ? undefined : refuse(403, problem('notYourTeams', { teams: foreign.join(', ') }), 'teamIds');
  }

  async function draft(viewer: Viewer, shiftChangeAt: number, teamIds: string[]): Promise<HandoverOutcome<Handover>> {
    if (viewer.role === 'display' || viewer.role === 'admin') return refuse(403, problem('handoverDraftRole'));
    const teams = [...new Set(teamIds)];
    const foreign = notTheirTeams(viewer, teams);
    if (foreign !== undefined) return foreign;
    const stored = await store.get(handoverId(shiftChangeAt, teams));
    return { ok: true, value: stored ? withIncoming(stored) : await compose(shiftChangeAt, teams) };
  }

  async function pending(viewer: Viewer): Promise<Handover[]> {
    const submitted = (await store.search({ status: ['submitted'], limit: MAX_HANDOVER_LIMIT })).map(withIncoming);
    if (viewer.role === 'supervisor' || viewer.role === 'manager') return submitted;
    if (viewer.kind !== 'user') return [];
    return submitted.filter((h) => sameAccount(h.incoming.account, viewer.username));
  }

  return {
    draft,

    async current(viewer, at) {
      if (viewer.kind !== 'user' || !['lead', 'supervisor', 'manager'].includes(viewer.role)) return refuse(403, READERS);
      const toConfirm = await pending(viewer);
      if (at !== undefined) {
        const given = await draft(viewer, at.shiftChangeAt, at.teamIds);
        if (!given.ok) return given;
        return { ok: true, value: { ...(given.value.status !== 'confirmed' && { toSubmit: given.value }), toConfirm } };
      }
      if (viewer.role !== 'lead') return { ok: true, value: { toConfirm } };
      const now = clock.now();
      const duty = dutyOwed(floor.schedule(now - OWED_LOOKBACK_MS, now + 1).leads, viewer.username, now);
      if (duty === undefined) return { ok: true, value: { toConfirm } };
      const owed = await store.get(handoverId(duty.end, duty.teamIds));
      if (owed?.status === 'confirmed') return { ok: true, value: { toConfirm } };
      return { ok: true, value: { toSubmit: owed ? withIncoming(owed) : await compose(duty.end, [...new Set(duty.teamIds)]), toConfirm } };
    },

    submit(actor, input) {
      return serial(async (): Promise<HandoverOutcome<Handover>> => {
        const { viewer } = actor;
        if (viewer.kind !== 'user' || (viewer.role !== 'lead' && viewer.role !== 'supervisor')) return refuse(403, WRITERS);
        const parsed = submitHandoverInput.safeParse(input);
        if (!parsed.success) return invalid(parsed.error.issues);
        const teamIds = [...new Set(parsed.data.teamIds)];
        const foreign = notTheirTeams(viewer, teamIds);
        if (foreign !== undefined) return foreign;
        const { shiftChangeAt } = parsed.data;
        const held = await store.get(handoverId(shiftChangeAt, teamIds));
        if (held?.status === 'confirmed') return refuse(409, problem('handoverConfirmed', { by: held.confirmedBy ?? '?' }), 'id');
        const composed = await compose(shiftChangeAt, teamIds);
        if (viewer.role === 'lead' && !sameAccount(composed.outgoing.account, viewer.username)) {
          const who = composed.outgoing.account === undefined ? 'the roster names no outgoing lead for it' : `the outgoing lead is ${composed.outgoing.account}`;
          return refuse(403, problem('handoverNotOutgoing', { who }));
        }
        const now = clock.now();
        const { prefillToken: _token, ...unsealed } = composed;
        const submitted: Handover = {
          ...unsealed, fields: parsed.data.fields, prefill: keptPrefill(composed, parsed.data.prefillToken),
          status: 'submitted', submittedAt: now, submittedBy: viewer.username,
        };
        try {
          await store.save(submitted);
        } catch (error) {
          if (error instanceof HandoverStoreConflictError) return refuse(409, error.message, 'id');
          throw error;
        }
        await auditOf(actor, 'handover-submitted', submitted.id, { shiftChangeAt, teamIds, amended: held !== undefined });
        return { ok: true, value: submitted };
      });
    },

    confirm(actor, id, input) {
      return serial(async (): Promise<HandoverOutcome<Handover>> => {
        const { viewer } = actor;
        if (viewer.kind !== 'user' || (viewer.role !== 'lead' && viewer.role !== 'supervisor')) return refuse(403, WRITERS);
        const parsed = confirmHandoverInput.safeParse(input);
        if (!parsed.success) return invalid(parsed.error.issues);
        const stored = await store.get(id);
        if (stored === undefined || !mayRead(viewer, stored)) return refuse(404, problem('handoverNotFound', { id }, `no submitted handover ${id}`), 'id');
        if (stored.status === 'confirmed') return refuse(409, problem('handoverAlreadyConfirmed', { by: stored.confirmedBy ?? '?' }), 'id');
        const foreign = notTheirTeams(viewer, stored.teamIds);
        if (foreign !== undefined) return foreign;
        const h = withIncoming(stored);
        if (viewer.role === 'lead' && !sameAccount(h.incoming.account, viewer.username)) {
          const who = h.incoming.account === undefined ? 'the roster names no incoming lead for it' : `the incoming lead is ${h.incoming.account}`;
          return refuse(403, problem('handoverNotIncoming', { who }));
        }
        // Without a rostered incoming lead, the alerts pass to whoever confirms (a supervisor).
        const toAccount = h.incoming.account ?? viewer.username;
        const result = await floor.command({ type: 'handover.confirm', by: viewer.username, handoverId: id, teamIds: h.teamIds, toAccount });
        if (!result.ok) {
          const blocking = (result.alertIds ?? []).flatMap((alertId): HandoverAlertRef[] => {
            const alert = floor.liveAlert(alertId);
            return alert === undefined ? [] : [alertRef(alert)];
          });
          await auditOf(actor, 'handover-confirm-refused', id, { error: result.error, blocking: result.alertIds ?? [] });
          deps.logger?.info({ handoverId: id, blocking: result.alertIds }, 'handover confirmation refused');
          const why = result.code === undefined ? result.error : { error: result.error, code: result.code, ...(result.params && { params: result.params }) };
          if (result.alertIds !== undefined || result.field === 'alerts') return refuse(409, why, 'alerts', blocking);
          return refuse(409, why, result.field);
        }
        const confirmed: Handover = {
          ...h, status: 'confirmed', confirmedAt: clock.now(), confirmedBy: viewer.username,
          ...(parsed.data.note !== undefined && { confirmNote: parsed.data.note }),
          transferredAlerts: await transferred(id, result.value),
        };
        await store.save(confirmed);
        await auditOf(actor, 'handover-confirmed', id, { teamIds: h.teamIds, toAccount, transferredAlerts: confirmed.transferredAlerts });
        return { ok: true, value: confirmed };
      });
    },

    async search(viewer, query) {
      if (viewer.role === 'display') return refuse(403, READERS);
      const found = await store.search(query);
      return { ok: true, value: found.filter((h) => mayRead(viewer, h)).map(withIncoming) };
    },

    async get(viewer, id) {
      if (viewer.role === 'display') return refuse(403, READERS);
      const h = await store.get(id);
      if (h === undefined || !mayRead(viewer, h)) return refuse(404, problem('handoverNotFound', { id }), 'id');
      return { ok: true, value: withIncoming(h) };
    },
  };

  /**
   * The alerts that passed on: what the engine answered, plus every live alert already
   * owned through this handover (a confirmation retried after a crash finds them so).
   */
  async function transferred(id: string, value: unknown): Promise<string[]> {
    const answered = (value as { transferred?: unknown } | undefined)?.transferred;
    const ids = new Set(Array.isArray(answered) ? answered.filter((x): x is string => typeof x === 'string') : []);
    for (const alert of await floor.listAlerts({ status: ['open', 'acknowledged'], limit: ALERT_READ_LIMIT })) {
      if (alert.owner?.handoverId === id) ids.add(alert.id);
    }
    return [...ids].sort();
  }
}
