/**
 * The wallboard's one store: the floor (built by the pure functions in apply.ts), the
 * connection status and the server's clock offset. Components select the slice they
 * show; the connection is the only writer (and the page resets it when the link closes).
 */
import { create } from 'zustand';
import type { FloorDelta, FloorSnapshot } from '../../../shared/wallboard.js';
import { applyDelta as reduceDelta, fromSnapshot, type DeltaOutcome, type FloorData } from './apply.js';

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
  applySnapshot(s: FloorSnapshot): void;
  /** Returns the outcome; on `gap` or `new-day` the caller must ask for `resync`. */
  applyDelta(d: FloorDelta): DeltaOutcome;
  setConnection(status: ConnectionStatus): void;
  /** Forgets the floor when its link closes: the next viewer (or a revoked TV) must not see it. */
  reset(): void;
}

export const useFloorStore = create<FloorStore>()((set, get) => ({
  floor: null,
  connection: { kind: 'connecting', since: Date.now() },
  clockOffsetMs: 0,

  applySnapshot(s) {
    const live = get().connection.kind === 'live' ? get().connection : { kind: 'live' as const, since: Date.now() };
    set({ floor: fromSnapshot(s), clockOffsetMs: s.serverTime - Date.now(), connection: live });
  },

  applyDelta(d) {
    const { floor, clockOffsetMs } = get();
    const { data, outcome } = reduceDelta(floor, d);
    if (outcome === 'applied' || outcome === 'new-day') {
      const offset = d.serverTime - Date.now();
      set({
        floor: data,
        ...(Math.abs(offset - clockOffsetMs) > OFFSET_TOLERANCE_MS && { clockOffsetMs: offset }),
      });
    }
    return outcome;
  },

  setConnection(status) {
    set({ connection: status });
  },

  reset() {
    set({ floor: null, connection: { kind: 'connecting', since: Date.now() }, clockOffsetMs: 0 });
  },
}));
