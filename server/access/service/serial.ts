/**
 * One operation at a time per record. Every change reads the record, awaits (a password
 * hash takes tens of milliseconds), then writes the whole record back; without this a
 * sign-in that started before an admin disabled the account would write it back enabled,
 * a lastSeenAt touch could undo a device's revocation, and parallel guesses would all read
 * "0 failures". The server is one process, so an in-process queue per key is enough.
 */
export type Serial = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export function createSerial(): Serial {
  const tails = new Map<string, Promise<unknown>>();
  return async function serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    // Runs after the previous holder whether that one succeeded or failed.
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      // The last in the queue removes the key, so the map holds only busy records.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
