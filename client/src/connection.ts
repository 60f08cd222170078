/**
 * The wallboard's link to the floor: socket.io namespace `/wallboard`, typed with the
 * shared maps. The server sends a snapshot on every (re)connect, then numbered deltas;
 * a gap or a new day is answered with `resync`. A wall display has nobody to press
 * reload, so it reconnects forever and shows a banner while it is down.
 */
import { io, type Socket } from 'socket.io-client';
import type { WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { useFloorStore } from './store/floor-store.js';

type WallboardSocket = Socket<WallboardServerToClient, WallboardClientToServer>;

/** A resync unanswered this long means the link is unhealthy: reconnect for a fresh snapshot. */
const RESYNC_TIMEOUT_MS = 10_000;
/** After the server drops us (socket.io does not retry that case by itself). */
const SERVER_DROP_RETRY_MS = 2_000;

/** Connects and keeps the store fed; returns the function that closes the link. */
export function connectWallboard(url = '/wallboard'): () => void {
  const store = useFloorStore.getState;
  const socket: WallboardSocket = io(url, {
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
  let resyncing = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const markDown = (reason: string) => {
    const current = store().connection;
    // Keep the first "since": the banner says how long the figures have been frozen.
    const since = current.kind === 'down' ? current.since : Date.now();
    store().setConnection({ kind: 'down', since, reason });
  };

  socket.on('snapshot', (snapshot) => {
    resyncing = false;
    store().applySnapshot(snapshot);
  });

  socket.on('delta', (delta) => {
    // While a resync is out, deltas are either covered by its snapshot or will follow it.
    if (resyncing) return;
    const outcome = store().applyDelta(delta);
    if (outcome === 'gap' || outcome === 'new-day') resync();
  });

  function resync(): void {
    resyncing = true;
    socket.timeout(RESYNC_TIMEOUT_MS).emit('resync', (err, snapshot) => {
      resyncing = false;
      if (err) {
        // No answer: a reconnect brings a snapshot by itself.
        socket.disconnect().connect();
        return;
      }
      store().applySnapshot(snapshot);
    });
  }

  socket.on('disconnect', (reason) => {
    resyncing = false;
    markDown(reason);
    if (reason === 'io server disconnect') {
      // The server dropped us (e.g. its snapshot failed); socket.io leaves reconnecting to us.
      retryTimer = setTimeout(() => socket.connect(), SERVER_DROP_RETRY_MS);
    }
  });

  socket.on('connect_error', (err) => {
    markDown(err.message);
  });

  return () => {
    clearTimeout(retryTimer);
    socket.close();
  };
}
