/**
 * Readiness, for a load balancer: may this process be sent traffic now? (Liveness, "is
 * the process answering at all", is /health, which never looks at anything.) Ready means
 * all of:
 *
 * - not shutting down (so the balancer drains it before its sockets are cut);
 * - the storage answers a cheap query within a bound, and takes writes: its appends are
 *   not failing for want of room or permission, or with an I/O error (storage-writes.ts);
 * - the floor is rebuilt (a tracker is attached) and processing: its engine lag is below
 *   a bound, which a stuck tick loop or a wedged storage write soon exceeds.
 *
 * The reasons it gives are for the public: they never include an error's own text (a
 * connection string, a host name); that goes to the log.
 */
import type { Logger } from 'pino';

export interface ReadinessOptions {
  /** A cheap storage query (e.g. `storage.log.lastSeq()`); rejects or hangs when unreachable. */
  pingStorage?: () => Promise<unknown>;
  /**
   * Why the storage's writes fail now, in public words ("disk full"), or undefined when
   * they do not (StorageWrites.failing): a cheap read still answers on a full disk.
   */
  storageWrites?: () => Promise<string | undefined>;
  /** Lag above this is "not processing". Default 30 s: well above the reorder window plus the heartbeat. */
  maxEngineLagMs?: number;
  /** A storage ping slower than this counts as unreachable. Default 2 s. */
  pingTimeoutMs?: number;
  now?: () => number;
  logger?: Logger;
}

/** Anything that can say how far behind a floor's engine is. */
export interface LagSource {
  read(now: number): { engineLagMs: number };
}

export interface ReadinessReport {
  ready: boolean;
  /** Why not, in words; empty when ready. */
  reasons: string[];
  checks: {
    shuttingDown: boolean;
    /** `failing`: it answers, but its writes fail (a full disk, an I/O error, a read-only file). */
    storage: 'ok' | 'failing' | 'unreachable' | 'timeout' | 'not checked';
    floors: Array<{ floor: string; engineLagSeconds: number }>;
  };
}

export interface Readiness {
  /** A floor rebuilt and running here; returns the function that detaches it (the floor is going away). */
  attachFloor(name: string, source: LagSource): () => void;
  /** From now on: not ready. Called first thing in a graceful shutdown. */
  beginShutdown(): void;
  readonly shuttingDown: boolean;
  check(): Promise<ReadinessReport>;
}

const DEFAULT_MAX_LAG_MS = 30_000;
const DEFAULT_PING_TIMEOUT_MS = 2_000;

export function createReadiness(options: ReadinessOptions = {}): Readiness {
  const now = options.now ?? Date.now;
  const maxLagMs = options.maxEngineLagMs ?? DEFAULT_MAX_LAG_MS;
  const floors = new Map<string, LagSource>();
  let shuttingDown = false;
  // Probes come every second or two from each balancer; while one ping is under way the
  // others share it, so a slow database is not also buried under pings.
  let ping: Promise<ReadinessReport['checks']['storage']> | undefined;

  const pingStorage = (): Promise<ReadinessReport['checks']['storage']> => {
    const query = options.pingStorage;
    if (query === undefined) return Promise.resolve('not checked');
    ping ??= withTimeout(query(), options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS).then(
      (outcome) => {
        if (outcome === 'timeout') options.logger?.warn('readiness: the storage did not answer in time');
        return outcome;
      },
      (err: unknown) => {
        options.logger?.warn({ err }, 'readiness: the storage is unreachable');
        return 'unreachable' as const;
      },
    ).finally(() => {
      ping = undefined;
    });
    return ping;
  };

  return {
    attachFloor(name, source) {
      floors.set(name, source);
      return () => {
        if (floors.get(name) === source) floors.delete(name);
      };
    },
    beginShutdown() {
      shuttingDown = true;
    },
    get shuttingDown() {
      return shuttingDown;
    },
    async check() {
      const reasons: string[] = [];
      if (shuttingDown) reasons.push('shutting down');
      let storage = await pingStorage();
      if (storage === 'unreachable') reasons.push('storage unreachable');
      if (storage === 'timeout') reasons.push(`storage did not answer within ${(options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS) / 1000} s`);
      const writesFailing = await options.storageWrites?.().catch(() => 'unknown error');
      if (writesFailing !== undefined) {
        reasons.push(`storage writes failing: ${writesFailing}`);
        if (storage === 'ok' || storage === 'not checked') storage = 'failing';
      }
      const at = now();
      const lags = [...floors].map(([floor, source]) => ({ floor, engineLagSeconds: source.read(at).engineLagMs / 1000 }));
      if (lags.length === 0) reasons.push('floor not rebuilt yet');
      for (const { floor, engineLagSeconds } of lags) {
        if (engineLagSeconds * 1000 > maxLagMs) {
          reasons.push(`floor ${floor}: engine ${engineLagSeconds.toFixed(1)} s behind (more than ${maxLagMs / 1000} s)`);
        }
      }
      return { ready: reasons.length === 0, reasons, checks: { shuttingDown, storage, floors: lags } };
    },
  };
}

/** 'ok' when `work` resolves within `ms`, 'timeout' when it has not by then; rejects as it does. */
function withTimeout(work: Promise<unknown>, ms: number): Promise<'ok' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref();
  });
  return Promise.race([work.then(() => 'ok' as const), late]).finally(() => clearTimeout(timer));
}
