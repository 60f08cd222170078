/**
 * A snapshot's text: the engine state, the reorder buffer's events and the last receivedAt
 * (what a rebuild needs besides the log after it), and the tag a cluster owner adds.
 */
import { deserializeState, serializeState, type EngineState } from '../engine/state.js';
import type { SnapshotBody } from './options.js';
import { Sequencer } from './sequencer.js';

export interface SnapshotContent {
  state: EngineState;
  sequencer: Sequencer;
  lastReceivedAt: number;
  tag?: Record<string, unknown>;
}

export function writeSnapshotBody(content: SnapshotContent): string {
  const body: SnapshotBody = {
    engine: serializeState(content.state), pending: content.sequencer.toJSON(), lastReceivedAt: content.lastReceivedAt,
    ...(content.tag && { tag: content.tag }),
  };
  return JSON.stringify(body);
}

export function readSnapshotBody(text: string): SnapshotContent {
  const body = JSON.parse(text) as SnapshotBody;
  return {
    state: deserializeState(body.engine), sequencer: new Sequencer(body.pending), lastReceivedAt: body.lastReceivedAt,
    ...(body.tag && { tag: body.tag }),
  };
}
