/**
 * How far behind the process's event loop is. Under overload, requests queue before any
 * handler sees them (in the sockets and the HTTP parser), where no count of waiting
 * events can; the loop's lag shows that queue. A timer that should fire every `everyMs`
 * measures how late it fires; the ingest route refuses new batches (503) while the lag is
 * above its bound, so what is accepted is applied within about that bound.
 */
export interface LoopLag {
  /** The lag measured last, in ms (0 when on time). */
  current(): number;
  stop(): void;
}

export function watchLoopLag(everyMs = 50, now: () => number = () => performance.now()): LoopLag {
  let expected = now() + everyMs;
  let lag = 0;
  const timer = setInterval(() => {
    const t = now();
    lag = Math.max(0, t - expected);
    expected = t + everyMs;
  }, everyMs);
  timer.unref();
  return {
    current: () => lag,
    stop: () => clearInterval(timer),
  };
}
