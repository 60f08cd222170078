/**
 * The simulator's event types. It always emits `ts` as epoch milliseconds (a number), and
 * builds events as bodies without the envelope, which the floor model stamps with id, ts
 * and source when they happen.
 */
import type { FloorEventInput } from '../../shared/events.js';

/** A generated event: a valid `FloorEventInput` whose `ts` is epoch ms. */
export type SimEvent = FloorEventInput & { ts: number };

/**
 * An event without its envelope. Key remapping rather than Omit: the contract's objects
 * are loose (index signature), and Omit over an index signature would drop every field.
 */
type StripEnvelope<T> = T extends unknown
  ? { [K in keyof T as K extends 'id' | 'ts' | 'source' ? never : K]: T[K] }
  : never;
export type EventBody = StripEnvelope<FloorEventInput>;

/** A body due at a virtual instant (epoch ms). */
export interface Timed {
  at: number;
  body: EventBody;
}
