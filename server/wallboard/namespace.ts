/**
 * The socket.io `/wallboard` namespace. Every socket is authenticated in the handshake (a
 * session cookie, or a paired display's device token) and joins the room of its audience
 * (role, and a shift lead's teams); each delta is cut once per audience and sent to its
 * room. A snapshot on connect, `resync` on demand, and the commands the viewer's role may
 * give (socket-commands.ts). Revoking a display or signing a user out disconnects their
 * sockets at once; a person's session that lapsed otherwise (idle, password expired) is
 * found at their next command or resync, which is refused and the socket cut, or within a
 * minute by the sweep (session-sweep.ts), which cuts it.
 *
 * Handlers never throw (an exception in a socket.io listener is uncaught) and tolerate a
 * missing ack.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { ExtendedError, Namespace, Socket } from 'socket.io';
import type { MaybePacked } from '../../shared/packed.js';
import type { ScreenSnapshot, WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { wallboardScopeSchema } from '../../shared/wallboard.js';
import { audienceOf, deltaCutter, narrowAudience, snapshotCutter, type Audience } from '../access/audience.js';
import type { Authenticator, Viewer } from '../access/principal.js';
import type { FloorService } from '../floor/types.js';
import type { CommandHandlers } from '../http/command-handlers.js';
import { clientIp } from '../http/client-ip.js';
import { BEHIND_ROOM, CAUGHT_UP_BYTES, engineWaitingBytes, holdBackSlowSockets, MIN_WAITING_BYTES, type SocketQueue } from './backpressure.js';
import { batchCatchUps } from './catch-ups.js';
import { MissedDeltas } from './missed-deltas.js';
import { SentLog } from './sent-log.js';
import { packFrame, wireBytes } from './pack.js';
import { screenDelta, screenDeltaBytes, screenSnapshot, screenSnapshotBytes } from './screen.js';
import { startSessionSweep, type Every } from './session-sweep.js';
import { answerCommands, viewerNow } from './socket-commands.js';
import { problem, type Problem } from '../../shared/problems.js';

interface SocketData {
  viewer: Viewer;
  audience: Audience;
  /** Held out of the deltas until it has read what it has (backpressure.ts). */
  behind?: boolean;
  /** While behind: the seq of the last delta it was sent before (its catch-up follows it). */
  fellAt?: number;
  /** The seq it last said it has read; only a screen that says so (`read`) has one. */
  read?: number;
  /**
   * The last snapshot or catch-up it was sent, which its audience's log of frames does not
   * hold: until it has read it, that counts as unread too.
   */
  lastOwn?: { seq: number; bytes: number };
  /** While behind, a screen that says what it reads: the seq it was last sent, and what to do once it has read it. */
  untilRead?: { seq: number; then: () => void };
}

export type WallboardNamespace = Namespace<WallboardClientToServer, WallboardServerToClient, Record<string, never>, SocketData>;
type WallboardSocket = Socket<WallboardClientToServer, WallboardServerToClient, Record<string, never>, SocketData>;

export interface WallboardNamespaceDeps {
  floor: FloorService;
  commands: CommandHandlers;
  auth: Authenticator;
  logger: Logger;
  /**
   * Send deltas to this process's own sockets only (cluster mode: every process has its
   * own copy of the floor, and the socket.io adapter would otherwise repeat each delta on
   * every process).
   */
  localOnly?: boolean;
  /**
   * The client's address from its handshake request, the proxies in front believed as for
   * HTTP (--trust-proxy); default: the connection's own address.
   */
  addressOf?: (req: IncomingMessage) => string | undefined;
  /** Times the once-a-minute session sweep (session-sweep.ts); default setInterval, unref'd. */
  sweepEvery?: Every;
}

const room = (a: Audience): string => `aud:${a.key}`;

interface AudienceEntry {
  audience: Audience;
  sockets: number;
  seq: number;
  /** What its screens that are behind missed (missed-deltas.ts). */
  missed: MissedDeltas;
  /** What its room was sent lately, for what its screens have not read (sent-log.ts). */
  sent: SentLog;
}

/** How long a built snapshot is handed out (until the next delta, and never longer than this). */
const SNAPSHOT_CACHE_MS = 1000;

/**
 * A refused handshake, as socket.io hands it to the screen's `connect_error`: the English
 * text every refusal has always had as its message, and the refusal (its code, shared/
 * problems.ts, with its parameters) as its `data`, which a screen decides by.
 */
export function handshakeRefusal(refusal: Problem & { field?: string }): ExtendedError {
  const err: ExtendedError = new Error(refusal.error);
  err.data = refusal;
  return err;
}

/**
 * Whether a screen may open the floor: who it is (null: no valid session or device token)
 * and the teams it asked for (its handshake's `auth.teams`, shared/wallboard.ts). Its
 * audience, or the refusal to send it.
 */
export function admitScreen(viewer: Viewer | null, requested: unknown): { viewer: Viewer; audience: Audience } | ExtendedError {
  if (!viewer) return handshakeRefusal(problem('signInRequired', undefined, 'unauthorized'));
  if (viewer.kind === 'user' && viewer.mustChangePassword) return handshakeRefusal(problem('changePasswordFirst'));
  // A screen may ask for some teams only (shared/wallboard.ts, wallboardScopeSchema).
  const scope = requested === undefined ? undefined : wallboardScopeSchema.safeParse(requested);
  if (scope !== undefined && !scope.success) {
    const issue = scope.error.issues[0]!;
    const field = `teams${issue.path.length > 0 ? `.${issue.path.join('.')}` : ''}`;
    return handshakeRefusal({ ...problem('invalidField', { field, detail: issue.message }, `${field}: ${issue.message}`), field });
  }
  const audience = narrowAudience(audienceOf(viewer), scope?.data);
  if (audience === null) {
    return handshakeRefusal(problem('notYourTeams', { teams: [...new Set(scope!.data)].join(', ') }, 'teams: none of these teams is visible to you'));
  }
  return { viewer, audience };
}

/** Wires the namespace; returns the function that stops it (for close()). */
export function registerWallboardNamespace(nsp: WallboardNamespace, deps: WallboardNamespaceDeps): () => void {
  const { floor, commands, auth, logger } = deps;
  /**
   * Audiences with at least one socket, how many, and the seq of the last delta their room
   * was sent. Each audience's deltas are numbered on their own: a delta that holds only
   * alerts none of which it may see is not sent to it at all (2,000 team screens are not
   * woken by every other team's alert), and its screens still see an unbroken sequence.
   */
  const audiences = new Map<string, AudienceEntry>();

  nsp.use((socket, next) => {
    auth.viewerFromHandshake(socket.handshake).then((viewer) => {
      const admitted = admitScreen(viewer, socket.handshake.auth?.teams);
      if (admitted instanceof Error) return next(admitted);
      socket.data.viewer = admitted.viewer;
      socket.data.audience = admitted.audience;
      return next();
    }, (err: unknown) => {
      logger.error({ err }, 'wallboard handshake failed');
      next(handshakeRefusal(problem('internal', undefined, 'unauthorized')));
    });
  });

  /**
   * Snapshots, one per audience until the next delta (connect, resync and catch-up all use
   * it): many screens connect at once after a restart or a network blip, and under
   * overload many drain at about the same time; building the whole floor's snapshot for
   * each of them (50,000 agents: a tenth of a second each) would be the very work that
   * keeps them waiting. A cached one is the floor as of the last delta, which is what its
   * seq says.
   */
  let floorSnapshot: { cut: ReturnType<typeof snapshotCutter>; builtAt: number } | undefined;
  /** Each audience's snapshot as sent (packed once, when big), and its seq and time when built. */
  let snapshots = new Map<string, { frame: MaybePacked<ScreenSnapshot>; serverTime: number }>();
  /**
   * About how big each audience's last snapshot was, as JSON (weighed against the deltas
   * its slow screens missed, also as JSON) and on the wire (weighed against a slow
   * screen's backlog, which is what is on the wire).
   */
  const snapshotBytes = new Map<string, { json: number; wire: number }>();
  const catchUpSnapshot = (audience: Audience): MaybePacked<ScreenSnapshot> => {
    // At most a second old, too: a floor replaced under the namespace (cluster failover) sends no delta to say so.
    if (floorSnapshot !== undefined && performance.now() - floorSnapshot.builtAt > SNAPSHOT_CACHE_MS) {
      floorSnapshot = undefined;
      snapshots = new Map();
    }
    floorSnapshot ??= { cut: snapshotCutter(floor.snapshot()), builtAt: performance.now() };
    let built = snapshots.get(audience.key);
    if (built === undefined) {
      const snapshot = screenSnapshot(floorSnapshot.cut(audience));
      const json = screenSnapshotBytes(snapshot);
      built = { frame: packFrame(snapshot, json), serverTime: snapshot.serverTime };
      snapshots.set(audience.key, built);
      snapshotBytes.set(audience.key, { json, wire: wireBytes(built.frame, json) });
    }
    // serverTime is when it is sent (clients correct their clock with it), not when it was built;
    // seq is the audience's own (the deltas that follow continue from it). Both are set
    // beside a packed snapshot's bytes, over what they hold.
    return {
      ...built.frame,
      seq: audiences.get(audience.key)?.seq ?? 0,
      serverTime: built.serverTime + Math.round(performance.now() - floorSnapshot.builtAt),
    };
  };

  // Sockets of one audience that drain together share one catch-up (what they missed as
  // one delta, or a snapshot), sent to them in one broadcast (encoded once), and each is
  // back in the deltas as it goes (catch-ups.ts).
  const catchUps = batchCatchUps<WallboardSocket>((key, sockets) => {
    try {
      const entry = audiences.get(key);
      const plan = entry === undefined ? { kind: 'snapshot' as const } : entry.missed.catchUp(sockets.map((s) => s.data.fellAt ?? 0), entry.seq);
      const audience = sockets[0]!.data.audience;
      const to = nsp.local.to(sockets.map((s) => s.id));
      let sent: { seq: number; bytes: number } | undefined;
      let send = (): void => undefined;
      if (plan.kind === 'delta') {
        const json = screenDeltaBytes(plan.delta);
        const body = packFrame(plan.delta, json);
        sent = { seq: plan.delta.seq, bytes: wireBytes(body, json) };
        send = () => to.emit('delta', body);
      } else if (plan.kind === 'snapshot') {
        const body = catchUpSnapshot(audience);
        sent = { seq: body.seq!, bytes: snapshotBytes.get(audience.key)?.wire ?? 0 };
        send = () => to.emit('snapshot', body);
      }
      for (const socket of sockets) {
        socket.data.behind = false;
        void socket.leave(BEHIND_ROOM);
        if (sent !== undefined) socket.data.lastOwn = sent;
      }
      send();
    } catch (err) {
      logger.error({ err }, 'catch-up failed');
      for (const socket of sockets) socket.disconnect(true);
    }
  });

  /** Bytes sent to a screen before the newest frame that it has not said it read (backpressure.ts). */
  const unread = (socket: WallboardSocket): number | undefined => {
    const { read, lastOwn } = socket.data;
    const log = audiences.get(socket.data.audience.key)?.sent;
    if (read === undefined || log === undefined) return undefined;
    if (lastOwn === undefined || read >= lastOwn.seq) return log.unreadBefore(read);
    // Its own last frame unread: it counts unless it is the newest the screen was sent.
    return log.bytesAfter(lastOwn.seq) === 0 ? 0 : lastOwn.bytes + log.unreadBefore(lastOwn.seq);
  };

  /** Bytes of the frames it was sent up to `seq` that it has not said it read. */
  const unreadUpTo = (socket: WallboardSocket, seq: number): number => {
    const { read, lastOwn } = socket.data;
    const log = audiences.get(socket.data.audience.key)?.sent;
    if (read === undefined || log === undefined || read >= seq) return 0;
    if (lastOwn !== undefined && read < lastOwn.seq) return lastOwn.bytes + log.bytesBetween(lastOwn.seq, seq);
    return log.bytesBetween(read, seq);
  };

  const slowSockets: SocketQueue<WallboardSocket> = {
    waiting: (socket) => engineWaitingBytes(socket.conn),
    unread,
    fellBehind: (socket) => {
      socket.data.behind = true;
      const entry = audiences.get(socket.data.audience.key);
      socket.data.fellAt = entry?.seq ?? 0;
      entry?.missed.fell(socket.data.fellAt);
    },
    onDrain: (socket, listener) => {
      if (socket.data.read === undefined) {
        socket.conn.once('drain', listener);
        return;
      }
      // Called right after the delta it was last sent went out: the audience's seq is its seq.
      socket.data.untilRead = { seq: audiences.get(socket.data.audience.key)?.seq ?? 0, then: listener };
    },
    catchUp: (socket) => catchUps.add(socket, socket.data.audience.key),
  };

  // One subscription for the namespace, one cut per audience, one emit per room.
  const target = deps.localOnly ? nsp.local : nsp;
  /** The floor's own seq of the last delta: a jump (a floor replaced in cluster mode) is passed on as a gap. */
  let floorSeq: number | undefined;
  const unsubscribe = floor.onDelta((delta) => {
    floorSnapshot = undefined;
    snapshots = new Map();
    // Screens resync on a gap; one in the floor's numbering must reach them as one in theirs.
    const gap = floorSeq !== undefined && delta.seq !== floorSeq + 1;
    floorSeq = delta.seq;
    if (gap) {
      for (const entry of audiences.values()) {
        entry.seq += 1;
        entry.missed.broken(entry.seq);
      }
    }
    const cut = deltaCutter(delta);
    // A delta of alerts alone (status and figures go in the others) matters only where one of them shows.
    const alertsOnly = delta.alerts.length > 0 && delta.floor === undefined && delta.newDay === undefined
      && delta.agents.length === 0 && delta.queues.length === 0 && delta.adherence === undefined;
    for (const entry of audiences.values()) {
      const mine = cut(entry.audience);
      if (alertsOnly && mine.alerts.length === 0) continue;
      entry.seq += 1;
      const out = { ...screenDelta(mine), seq: entry.seq };
      const bytes = screenDeltaBytes(out);
      const frame = packFrame(out, bytes);
      target.to(room(entry.audience)).except(BEHIND_ROOM).emit('delta', frame);
      entry.missed.sent(out, bytes);
      entry.sent.sent(entry.seq, wireBytes(frame, bytes));
    }
    // A screen that cannot keep up gets what it missed when it has caught up, not a queue.
    // (Checked after status deltas, the big ones; a delta of alerts alone queues little.)
    const fell = alertsOnly ? 0 : holdBackSlowSockets(nsp.sockets.values(), slowSockets);
    if (fell > 0) logger.warn({ sockets: fell }, 'wallboards behind: deltas held back until they drain');
  });

  const stopRevocations = auth.onRevoked((r) => {
    for (const socket of nsp.sockets.values()) {
      const v = socket.data.viewer;
      const hit = v.id === r.id && (r.sessionId === undefined || (v.kind === 'user' && v.sessionId === r.sessionId));
      if (hit) socket.disconnect(true);
    }
  });

  const newEntry = (audience: Audience): AudienceEntry => ({
    audience, sockets: 0, seq: 0, sent: new SentLog(),
    // Kept up to four snapshots' size. Merged, they are far smaller than that (each agent
    // and alert once, where a snapshot holds every open alert); a screen further behind
    // gets a snapshot. At one snapshot's size, screens held back by an alert burst were
    // past it within seconds, and snapshots to hundreds of screens made them later still.
    missed: new MissedDeltas(() => Math.max(MIN_WAITING_BYTES, 4 * (snapshotBytes.get(audience.key)?.json ?? 0))),
  });

  nsp.on('connection', (socket) => {
    const { viewer, audience } = socket.data;
    const log = logger.child({ ns: '/wallboard', socket: socket.id, viewer: viewer.id });
    const entry = audiences.get(audience.key) ?? newEntry(audience);
    entry.sockets += 1;
    audiences.set(audience.key, entry);
    void socket.join(room(audience));
    socket.on('disconnect', () => {
      if (socket.data.behind) entry.missed.left(socket.data.fellAt ?? 0);
      entry.sockets -= 1;
      if (entry.sockets === 0) {
        audiences.delete(audience.key);
        snapshotBytes.delete(audience.key);
      }
    });

    /** A snapshot it is sent (on connect, or asked for), counted as its own last frame. */
    const sendingSnapshot = (): MaybePacked<ScreenSnapshot> => {
      const snapshot = catchUpSnapshot(audience);
      socket.data.lastOwn = { seq: snapshot.seq!, bytes: snapshotBytes.get(audience.key)?.wire ?? 0 };
      return snapshot;
    };
    try {
      socket.emit('snapshot', sendingSnapshot());
    } catch (err) {
      // Without a snapshot the client cannot apply deltas: drop it so it reconnects and retries.
      log.error({ err }, 'snapshot failed');
      socket.disconnect(true);
      return;
    }

    // The ack is the last argument, whatever a client put before it. Sent only while the
    // session holds (viewerNow): one that lapsed is not answered, and the socket is cut.
    socket.on('resync', (...args: unknown[]) => {
      const ack = args.at(-1) as ((snapshot: MaybePacked<ScreenSnapshot>) => void) | undefined;
      if (typeof ack !== 'function') return;
      viewerNow(auth, socket, { use: false }).then((now) => {
        if (!('kind' in now)) {
          log.info({ code: now.code }, 'resync from a socket whose session lapsed: refused, socket cut');
          socket.disconnect(true);
          return;
        }
        ack(sendingSnapshot());
      }).catch((err: unknown) => log.error({ err }, 'resync snapshot failed'));
    });

    // The screen has applied every frame up to this seq: what it has not read is counted
    // from here, and a screen held back for it is caught up once it has read (nearly) all
    // it was sent.
    socket.on('read', (seq: unknown) => {
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return;
      socket.data.read = Math.max(socket.data.read ?? seq, seq);
      const waiting = socket.data.untilRead;
      if (waiting !== undefined && unreadUpTo(socket, waiting.seq) <= CAUGHT_UP_BYTES) {
        socket.data.untilRead = undefined;
        if (socket.connected) waiting.then();
      }
    });

    const ip = clientIp(deps.addressOf?.(socket.request) ?? socket.handshake.address);
    answerCommands(socket, { commands, auth, ip, log });
  });

  // A desk that only watches gives no command to be checked at: its session is, once a minute.
  const stopSweep = startSessionSweep(() => nsp.sockets.values(), auth, logger, deps.sweepEvery);

  return () => {
    unsubscribe();
    stopRevocations();
    stopSweep();
  };
}
