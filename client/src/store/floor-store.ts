/**
 * The wallboard's one store: the floor (built by the pure functions in apply.ts), the
 * connection status and the server's clock offset. Components select the slice they
 * show; the connection is the only writer (and the page resets it when the link closes).
 */
import { create } from 'zustand';
import type { ScreenDelta, ScreenSnapshot } from '../../../shared/wallboard.js';
import { applyDeltas, classifyDelta, fromSnapshot, type DeltaOutcome, type FloorData } from './apply.js';

export type ConnectionStatus =
  | { kind: 'connecting'; since: number }
  | { kind: 'live'; since: number }
  | { kind: 'down'; since: number; reason: string };

/**
 * Deltas carry serverTime too, but each one is a little late (coalescing, network), so
 * taking every one would make the ticking timers jitter. A delta moves the offset only
 * when it disagrees by more than this: a real change of either clock, not noise.
 */
const OFFSET_TOLERANCE_MS = 1500;

export interface FloorStore {
  /** Null until the first snapshot arrives. */
  floor: FloorData | null;
  connection: ConnectionStatus;
  /** serverTime - Date.now(): add it to the local clock to get the server's "now". */
  clockOffsetMs: number;
  applySnapshot(s: ScreenSnapshot): void;
  /**
   * Queues `d` and returns its outcome at once (checked against the last delta queued);
   * on `gap` or `new-day` the caller must ask for `resync`. Queued deltas reach the store
   * together, at most once per animation frame (`flush`).
   */
  applyDelta(d: ScreenDelta): DeltaOutcome;
  /** Applies the queued deltas now (the frame callback; tests call it directly). */
  flush(): void;
  setConnection(status: ConnectionStatus): void;
  /** Forgets the floor when its link closes: the next viewer (or a revoked TV) must not see it. */
  reset(): void;
}

/** Past this many queued deltas (a background tab, no frames) they are applied at once. */
const MAX_PENDING = 200;

/** Deltas waiting for the next frame, and that frame's handle. */
let pending: ScreenDelta[] = [];
let frame: { cancel(): void } | null = null;

function requestFrame(run: () => void): { cancel(): void } {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(run);
    return { cancel: () => cancelAnimationFrame(id) };
  }
  const id = setTimeout(run, 16);
  return { cancel: () => clearTimeout(id) };
}

function dropPending(): void {
  pending = [];
  frame?.cancel();
  frame = null;
}

export const useFloorStore = create<FloorStore>()((set, get) => ({
  floor: null,
  connection: { kind: 'connecting', since: Date.now() },
  clockOffsetMs: 0,

  applySnapshot(s) {
    // A snapshot covers (or replaces) everything still queued.
    dropPending();
    const live = get().connection.kind === 'live' ? get().connection : { kind: 'live' as const, since: Date.now() };
    set({ floor: fromSnapshot(s), clockOffsetMs: s.serverTime - Date.now(), connection: live });
  },

  applyDelta(d) {
    const { floor } = get();
    const last = pending.at(-1);
    // Checked against the newest queued delta, so gaps are seen before the frame runs.
    const kind = floor === null ? 'gap' : classifyDelta(last === undefined ? floor : { ...floor, seq: last.seq }, d);
    if (kind !== 'next') return kind;
    pending.push(d);
    // A hidden tab gets no frames: do not let the queue grow without bound.
    if (pending.length >= MAX_PENDING) get().flush();
    else frame ??= requestFrame(() => get().flush());
    return d.newDay !== undefined ? 'new-day' : 'applied';
  },

  flush() {
    const batch = pending;
    dropPending();
    if (batch.length === 0) return;
    const { floor, clockOffsetMs } = get();
    const { data } = applyDeltas(floor, batch);
    if (data === floor) return;
    const offset = batch[batch.length - 1].serverTime - Date.now();
    set({
      floor: data,
      ...(Math.abs(offset - clockOffsetMs) > OFFSET_TOLERANCE_MS && { clockOffsetMs: offset }),
    });
  },

  setConnection(status) {
    set({ connection: status });
  },

  reset() {
    dropPending();
    set({ floor: null, connection: { kind: 'connecting', since: Date.now() }, clockOffsetMs: 0 });
  },
}));
