/**
 * Await one socket.io event instead of sleeping: resolves with its first argument, rejects
 * after a timeout so a missing event fails the test with its name rather than hanging it.
 */
/** Any emitter, typed socket.io sockets included (their generic `once` fits no narrower shape). */
interface Listens {
  once(event: any, listener: any): unknown;
  off(event: any, listener: any): unknown;
}

export function once<T = unknown>(socket: Listens, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    function onEvent(value: T): void {
      clearTimeout(timer);
      resolve(value);
    }
    socket.once(event, onEvent);
  });
}
