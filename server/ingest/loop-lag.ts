/**
 * How far behind the process's event loop is. Under overload, requests queue before any
 * handler sees them (in the sockets and the HTTP parser), where no count of waiting
 * events can; the loop's lag shows that queue. A timer that should fire every `everyMs`
 * measures how late it fires; the ingest route refuses new batches (503) while the lag is
 * above its bound, so what is accepted is applied within about that bound.
 */
export interface LoopLag {
  /**
   * The sustained lag in ms: the mean of the last `samples` measurements, so one short
   * pause (a garbage collection) does not count as overload; a loop that stays late does.
   */
  current(): number;
  stop(): void;
}

export function watchLoopLag(everyMs = 50, now: () => number = () => performance.now(), samples = 3): LoopLag {
  let expected = now() + everyMs;
  const recent: number[] = [];
  const timer = setInterval(() => {
    const t = now();
    recent.push(Math.max(0, t - expected));
    if (recent.length > samples) recent.shift();
    expected = t + everyMs;
  }, everyMs);
  timer.unref();
  return {
    current: () => (recent.length < samples ? 0 : recent.reduce((a, b) => a + b, 0) / samples),
    stop: () => clearInterval(timer),
  };
}
