/**
 * The wallboard's link to the floor: socket.io namespace `/wallboard`, typed with the
 * shared maps. The server sends a snapshot on every (re)connect, then numbered deltas;
 * a gap or a new day is answered with `resync`. A wall display has nobody to press
 * reload, so a lost link is retried forever, with a banner while it is down.
 *
 * Except when the server refuses who we are (the handshake's `connect_error`, e.g.
 * 'unauthorized'): retrying with the same credentials cannot succeed, so the link stops
 * and `onRefused` decides (a person signs in again, a TV pairs again), by the refusal's
 * code (shared/problems.ts) where the server sends one.
 */
import { io, type Socket } from 'socket.io-client';
import { isPacked, unpack, type MaybePacked } from '../../shared/packed.js';
import { isProblemCode, type ProblemCode, type ProblemParams } from '../../shared/problems.js';
import { readReceipts } from '../../shared/read-receipts.js';
import type { WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { paramsOf, type ServerProblem } from './api.js';
import { useFloorStore } from './store/floor-store.js';

type WallboardSocket = Socket<WallboardServerToClient, WallboardClientToServer>;

/**
 * How the handshake proves who we are: a person's browser sends its session cookie by
 * itself (same origin); a paired TV has no session, only its device token.
 */
export type FloorCredentials = { kind: 'session' } | { kind: 'device'; deviceToken: string };

export interface WallboardLinkOptions {
  credentials: FloorCredentials;
  /**
   * The server refused the credentials; the link is closed. `reason` is the server's word
   * for it (English, for logs and an older server); `problem` its code, to decide by.
   */
  onRefused(reason: string, problem?: LinkRefusal): void;
  url?: string;
  /** Only these teams (`?teams=`): the server sends nothing about the others. */
  teams?: string[];
}

/** Why the handshake was refused, by code (server/wallboard/namespace.ts, `admitScreen`). */
export interface LinkRefusal {
  code: ProblemCode;
  params: ProblemParams;
}

/**
 * The refusal's code and parameters from a `connect_error`'s `data`; undefined when it has
 * none (not a refusal by the server, or a code this page does not know).
 */
export function linkRefusal(data: unknown): LinkRefusal | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { code, params } = data as ServerProblem;
  return isProblemCode(code) ? { code, params: paramsOf(params) } : undefined;
}

/** A resync unanswered this long means the link is unhealthy: reconnect for a fresh snapshot. */
const RESYNC_TIMEOUT_MS = 10_000;
/** After the server drops us (socket.io does not retry that case by itself). */
const SERVER_DROP_RETRY_MS = 2_000;

/** Connects and keeps the store fed; returns the function that closes the link. */
export function connectWallboard({ credentials, onRefused, url = '/wallboard', teams }: WallboardLinkOptions): () => void {
  const store = useFloorStore.getState;
  const socket: WallboardSocket = io(url, {
    // A fresh manager each time: socket.io otherwise reuses the cached socket for the
    // namespace, with the credentials (and listeners) of the link closed before it.
    forceNew: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
    auth: {
      ...(credentials.kind === 'device' && { deviceToken: credentials.deviceToken }),
      ...(teams !== undefined && { teams }),
    },
  });
  let resyncing = false;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const markDown = (reason: string) => {
    const current = store().connection;
    // Keep the first "since": the banner says how long the figures have been frozen.
    const since = current.kind === 'down' ? current.since : Date.now();
    store().setConnection({ kind: 'down', since, reason });
  };

  /**
   * A frame that cannot be unpacked (shared/packed.ts) leaves the screen not knowing what
   * changed: it starts again from a fresh snapshot, over a new connection.
   */
  const opened = <T extends object>(frame: MaybePacked<T>): T | undefined => {
    try {
      return unpack(frame);
    } catch (err) {
      console.error('floorwatch: a frame from the server could not be read; reconnecting', err);
      socket.disconnect().connect();
      return undefined;
    }
  };

  /**
   * Tells the server which frames have been taken in: it counts how far behind the screen
   * really is from these, and holds a screen that falls behind out of the deltas until it
   * has read what it had (server/wallboard/backpressure.ts; when: shared/read-receipts.ts).
   */
  const receipts = readReceipts((seq) => socket.emit('read', seq), {
    set: (run, ms) => setTimeout(run, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });

  socket.on('snapshot', (frame) => {
    resyncing = false;
    const snapshot = opened(frame);
    if (!snapshot) return;
    store().applySnapshot(snapshot);
    receipts.took(snapshot.seq, true);
  });

  socket.on('delta', (frame) => {
    // While a resync is out, deltas are either covered by its snapshot or will follow it.
    if (resyncing) return;
    const delta = opened(frame);
    if (!delta) return;
    const outcome = store().applyDelta(delta);
    if (outcome === 'applied') receipts.took(delta.seq, isPacked(frame));
    if (outcome === 'gap' || outcome === 'new-day') resync();
  });

  function resync(): void {
    resyncing = true;
    socket.timeout(RESYNC_TIMEOUT_MS).emit('resync', (err, frame) => {
      resyncing = false;
      if (err) {
        // No answer: a reconnect brings a snapshot by itself.
        socket.disconnect().connect();
        return;
      }
      const snapshot = opened(frame);
      if (!snapshot) return;
      store().applySnapshot(snapshot);
      receipts.took(snapshot.seq, true);
    });
  }

  socket.on('disconnect', (reason) => {
    resyncing = false;
    receipts.reset();
    if (closed) return;
    markDown(reason);
    if (reason === 'io server disconnect') {
      // The server dropped us: its snapshot failed, or our credential was revoked (the
      // next handshake then says so). socket.io leaves reconnecting to us.
      retryTimer = setTimeout(() => socket.connect(), SERVER_DROP_RETRY_MS);
    }
  });

  socket.on('connect_error', (err) => {
    if (closed) return;
    // socket.io keeps retrying network failures (`active`), but not a refusal by the
    // server's handshake middleware: that is about who we are, not about the network.
    if (!socket.active) {
      close();
      onRefused(err.message, linkRefusal(err.data));
      return;
    }
    markDown(err.message);
  });

  function close(): void {
    closed = true;
    clearTimeout(retryTimer);
    socket.close();
  }
  return close;
}
