/**
 * What the bench process and its wallboard child processes say to each other over IPC.
 * Children report compactly and in batches (every ~50 ms), so the bench process handles a
 * few messages a second, not one per frame per screen.
 */

/** Parent -> child: what to connect to. Sent over IPC, so the session cookie is not on a command line. */
export interface StartMessage {
  type: 'start';
  url: string;
  /** The session's cookie (Floorwatch); none for the bare baseline. */
  cookie?: string;
  /** Default `/wallboard`; `/` for the bare baseline. */
  namespace?: string;
  runId: string;
  count: number;
  /** Connections opened at once. */
  parallel: number;
  /** Per screen of this child, the teams it asks for (handshake `auth.teams`), or null for the whole view. */
  scopes?: Array<string[] | null>;
}

export interface CloseMessage {
  type: 'close';
}

export type ToChild = StartMessage | CloseMessage;

/**
 * One probe seen for the first time by some of this child's screens within one batch:
 * `at` holds each screen's arrival time (wireClock), so clients seen = at.length and the
 * first and last arrivals are its ends. Exact times rather than only first/last, because
 * the latency figure is a percentile over deliveries; a whole run is a few tens of
 * thousands of numbers. `serverTime[i]` is when the server cut the frame that brought
 * `at[i]` (its own clock, Date.now()).
 */
export interface ProbeArrivals {
  probe: number;
  at: number[];
  serverTime: number[];
}

/** Running totals of one child (totals, not increments, so a lost batch loses nothing). */
export interface ChildCounts {
  /** Screens the server disconnected. */
  dropped: number;
  /** Deltas carrying agents or queues, summed over screens. */
  statusDeltas: number;
  /** Catch-up snapshots (a screen that fell behind and drained), summed over screens. */
  catchUps: number;
}

export type FromChild =
  | { type: 'ready'; connected: number }
  | { type: 'report'; probes: ProbeArrivals[]; counts: ChildCounts }
  /** cpuMs: CPU time the child used since its screens were connected. */
  | { type: 'closed'; counts: ChildCounts; cpuMs: number }
  | { type: 'failed'; message: string };
