/** Errors every storage backend raises the same way, so callers can tell them apart. */

/** Raised by any storage method called after `close()`. */
export class StorageClosedError extends Error {
  constructor(backend: string) {
    super(`${backend} storage is closed; it cannot be used after close()`);
    this.name = 'StorageClosedError';
  }
}
