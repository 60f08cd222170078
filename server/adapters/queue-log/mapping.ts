/**
 * queue_log records -> v1 contract events. Pure apart from its small state (open calls,
 * agent memberships), so the importer, the follower and the tests drive the same code.
 *
 * Ids are `ql-<epoch s>-<callid or agent>-<EVENT>-<position>-<part>`, where position is
 * the line's byte offset in its file (or a row number the caller chooses): importing
 * the same file twice, or importing a rotated file the follower already sent, yields
 * the same ids, and ingest drops the repeats.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import { FileOrderClock } from './clock.js';
import * as agents from './map-agents.js';
import * as calls from './map-calls.js';
import type { MapCtx, MapperState } from './map-context.js';
import { resolveMappingOptions, type QueueLogMappingOptions } from './options.js';
import { present, type QueueLogRecord, type StockEvent } from './record.js';

export type MapOutcome =
  | { status: 'mapped'; events: FloorEventInput[] }
  | { status: 'ignored'; reason: string };

export interface MapperStats {
  /** QUEUESTART lines seen: PBX starts. */
  restarts: number;
  /** Calls the log left open that a restart closed. */
  callsClosedByRestart: number;
  /** Non-stock event names and how often each came. */
  unknownEvents: Record<string, number>;
  /**
   * Member names on call or pause lines whose agent the log had not shown logging in, and
   * on how many lines: the sign of logins by interface and calls by name (memberNameWarning).
   */
  unmatchedMemberNames: Record<string, number>;
}

export interface QueueLogMapper {
  /** `position` makes ids unique and stable: the line's byte offset, or its row number. */
  map(record: QueueLogRecord, position: number | string): MapOutcome;
  /** Calls offered and not yet closed, by callid. */
  openCalls(): string[];
  stats(): MapperStats;
}

const HANDLERS: Record<StockEvent, ((ctx: MapCtx) => void) | null> = {
  ENTERQUEUE: calls.enterQueue,
  RINGNOANSWER: calls.ringEnded,
  RINGCANCELED: calls.ringEnded,
  CONNECT: calls.connect,
  // The member answered and hung up during the announcement before the caller was put
  // through. The caller stays queued (app_queue goes back to waiting and rings members
  // again) and every way on writes a line (ring, CONNECT, ABANDON, EXIT*). No ring was sent
  // for this attempt (AGENTDUMP has no ring time), so it leaves none; a ring an earlier
  // RINGNOANSWER left at this agent moves on with that next line, as after any RINGNOANSWER.
  AGENTDUMP: null,
  COMPLETECALLER: calls.completeCaller,
  COMPLETEAGENT: calls.completeAgent,
  ABANDON: calls.leftQueue,
  EXITWITHTIMEOUT: calls.leftQueue,
  EXITWITHKEY: calls.leftQueue,
  EXITEMPTY: calls.leftQueue,
  TRANSFER: calls.transfer,
  BLINDTRANSFER: calls.transfer,
  ATTENDEDTRANSFER: calls.transfer,
  ADDMEMBER: agents.addMember,
  REMOVEMEMBER: agents.removeMember,
  PAUSE: agents.pause,
  UNPAUSE: agents.unpause,
  PAUSEALL: agents.pause,
  UNPAUSEALL: agents.unpause,
  AGENTLOGIN: agents.agentLogin,
  AGENTLOGOFF: agents.agentLogoff,
  AGENTCALLBACKLOGIN: agents.agentLogin,
  AGENTCALLBACKLOGOFF: agents.agentLogoff,
  // A reload re-reads queues.conf; calls and members carry on, so the floor sees nothing.
  CONFIGRELOAD: null,
  QUEUESTART: calls.queueStart,
};

const CALL_EVENTS = new Set<string>([
  'ENTERQUEUE', 'RINGNOANSWER', 'RINGCANCELED', 'CONNECT', 'COMPLETECALLER', 'COMPLETEAGENT',
  'ABANDON', 'EXITWITHTIMEOUT', 'EXITWITHKEY', 'EXITEMPTY', 'TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER',
]);

/** Ids stay well under the contract's 200 characters whatever a callid holds. */
const idPart = (text: string): string => text.replace(/\s+/g, '_').slice(0, 64);

export function createQueueLogMapper(options: QueueLogMappingOptions = {}): QueueLogMapper {
  const o = resolveMappingOptions(options);
  const s: MapperState = {
    calls: new Map(),
    memberships: new Map(),
    stations: new Map(),
    loggedOut: new Set(),
    presence: new Map(),
    unmatchedNames: new Map(),
    restarts: 0,
    callsClosedByRestart: 0,
    clock: new FileOrderClock(),
  };
  const unknown = new Map<string, number>();

  return {
    map(r, position) {
      const handler = HANDLERS[r.event as StockEvent];
      if (handler === undefined) {
        unknown.set(r.event, (unknown.get(r.event) ?? 0) + 1);
        return { status: 'ignored', reason: `unknown event ${r.event}` };
      }
      if (handler === null) return { status: 'ignored', reason: `${r.event} changes nothing on the floor` };
      if (CALL_EVENTS.has(r.event) && !present(r.callId)) return { status: 'ignored', reason: 'no callid' };
      const events: FloorEventInput[] = [];
      let ignored: string | undefined;
      const key = idPart(present(r.callId) ? r.callId : present(r.agent) ? r.agent : 'NONE');
      const base = `ql-${Math.floor(r.timeMs / 1000)}-${key}-${r.event}-${position}`;
      const ctx: MapCtx = {
        o, r, s,
        emit(part, body, at) {
          const ts = at === undefined ? s.clock.next(r.timeMs) : Math.max(0, Math.round(at));
          events.push({ ...body, id: `${base}-${part}`, ts, source: o.source } as FloorEventInput);
          return ts;
        },
        ignore(reason) {
          ignored = reason;
        },
      };
      handler(ctx);
      if (events.length === 0) return { status: 'ignored', reason: ignored ?? 'nothing to send' };
      return { status: 'mapped', events };
    },
    openCalls: () => [...s.calls.keys()],
    stats: () => ({
      restarts: s.restarts,
      callsClosedByRestart: s.callsClosedByRestart,
      unknownEvents: Object.fromEntries(unknown),
      unmatchedMemberNames: Object.fromEntries(s.unmatchedNames),
    }),
  };
}
