/**
 * Where a floor's cluster state lives in Redis. Every key of one floor carries the floor
 * id in a hash tag (`{main}`), so they share one Redis Cluster slot and a Lua script may
 * touch several of them; floors sharing one Redis never see each other's keys.
 */

/** A floor id goes into Redis keys and a PostgreSQL row: short, plain, lower case. */
const FLOOR_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const DEFAULT_FLOOR_ID = 'main';

/** Returns the id when it is usable; else throws a message naming `what` (the flag). */
export function checkFloorId(value: string, what = 'the floor id'): string {
  if (!FLOOR_ID.test(value)) {
    throw new Error(`${what}: "${value}" is not a floor id (1-63 of a-z, 0-9, _ and -, starting with a letter or digit)`);
  }
  return value;
}

export interface FloorKeys {
  floorId: string;
  /** The lease: "<holder>#<token>", with a time to live. */
  lease: string;
  /** The fencing counter: the last token handed out. */
  fence: string;
  /** The token of a lease its holder released (a handover, not a failover); short-lived. */
  handover: string;
  /** The input stream: every accepted event batch, command, rules and plan change. */
  inputs: string;
  /** The last stream entry the owner has made durable in the event log. */
  cursor: string;
  /** Events in the stream after the cursor: accepted, not yet in the log. */
  pending: string;
  /** An event id seen within the deduplication window. */
  seen(eventId: string): string;
  /** A process's reply list (answers to the commands it forwarded). */
  replies(processId: string): string;
  /** The socket.io adapter's stream, channels and sessions for this floor's processes. */
  socketIo: string;
}

export function floorKeys(floorId: string): FloorKeys {
  const base = `floorwatch:{${checkFloorId(floorId)}}`;
  return {
    floorId,
    lease: `${base}:lease`,
    fence: `${base}:fence`,
    handover: `${base}:handover`,
    inputs: `${base}:inputs`,
    cursor: `${base}:cursor`,
    pending: `${base}:pending`,
    seen: (eventId) => `${base}:seen:${eventId}`,
    replies: (processId) => `${base}:replies:${processId}`,
    socketIo: `${base}:socket.io`,
  };
}
