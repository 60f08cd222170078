/**
 * At most one log line per key per period: a misconfigured feed or page repeats the same
 * mistake many times a second, and a warning per request would bury the log (and fill the
 * disk). Each line that gets through says how many were held back since the last one.
 * Keys are bounded: past `maxKeys` the ones whose period is over are forgotten, and a new
 * key that still finds no room is not logged.
 */
export interface LogThrottle {
  /** Undefined: hold this one back. Else log it; `heldBack` were held back since the last line for the key. */
  pass(key: string): { heldBack: number } | undefined;
}

export function createLogThrottle(o: { everyMs: number; maxKeys?: number; now?: () => number }): LogThrottle {
  const now = o.now ?? Date.now;
  const maxKeys = o.maxKeys ?? 1000;
  const keys = new Map<string, { loggedAt: number; heldBack: number }>();
  return {
    pass(key) {
      const at = now();
      const seen = keys.get(key);
      if (seen && at - seen.loggedAt < o.everyMs) {
        seen.heldBack += 1;
        return undefined;
      }
      if (!seen && keys.size >= maxKeys) {
        for (const [k, v] of keys) if (at - v.loggedAt >= o.everyMs) keys.delete(k);
        if (keys.size >= maxKeys) return undefined;
      }
      keys.set(key, { loggedAt: at, heldBack: 0 });
      return { heldBack: seen?.heldBack ?? 0 };
    },
  };
}
