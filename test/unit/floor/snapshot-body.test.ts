/**
 * A snapshot's text: the engine state inline (Maps and Sets as tagged arrays), read back
 * equal; and snapshots written before, with the engine as a string inside, still read.
 */
import { describe, expect, it } from 'vitest';
import { serializeState } from '../../../server/engine/state.js';
import { readSnapshotBody, writeSnapshotBody } from '../../../server/floor/snapshot-body.js';
import { Sequencer } from '../../../server/floor/sequencer.js';
import { ev, openFloor, WINDOW } from '../../helpers/floor-harness.js';
import { T0 } from '../../helpers/engine-harness.js';

/** A floor with agents, a call ringing past its limit (an alert), and an event still in the reorder buffer. */
async function busyFloor() {
  const { floor, clock } = await openFloor();
  await floor.ingest([
    ev(0, 'agent.login', { agentId: '1001', stationId: 'S-1' }),
    ev(0, 'agent.state', { agentId: '1001', state: 'available' }),
    ev(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' }),
    ev(1, 'call.ringing', { callId: 'c1', agentId: '1001' }),
  ]);
  clock.set(T0 + 20_000);
  await floor.tick();
  await floor.ingest([ev(19, 'agent.login', { agentId: '1002', stationId: 'S-2' })]);
  return floor;
}

describe('snapshot body', () => {
  it('holds the engine state inline and reads back the same state, buffer and receivedAt', async () => {
    const floor = await busyFloor();
    expect(floor.snapshot().alerts.length).toBeGreaterThan(0);
    expect(floor.pendingEvents).toBe(1);
    const text = floor.snapshotText().text;
    expect(text.startsWith('{"engine":{')).toBe(true);
    const read = readSnapshotBody(text);
    expect(read.state.agents).toBeInstanceOf(Map);
    expect(read.state.longWaiting).toBeInstanceOf(Set);
    expect(serializeState(read.state)).toBe(floor.stateText());
    expect(read.sequencer.size).toBe(1);
    expect(writeSnapshotBody(read)).toBe(text);
  });

  it('reads a snapshot written with the engine as a string inside the body', async () => {
    const floor = await busyFloor();
    const current = JSON.parse(floor.snapshotText().text) as { engine: unknown; pending: unknown; lastReceivedAt: number };
    const older = JSON.stringify({ ...current, engine: JSON.stringify(current.engine) });
    const read = readSnapshotBody(older);
    expect(serializeState(read.state)).toBe(floor.stateText());
    expect(read.lastReceivedAt).toBe(current.lastReceivedAt);
    expect(read.sequencer.takeDue(T0 + 60_000 - WINDOW)?.event.type).toBe('agent.login');
  });

  it('keeps a tag (a cluster owner\'s) and an empty reorder buffer', async () => {
    const floor = await busyFloor();
    const { state } = readSnapshotBody(floor.snapshotText().text);
    const read = readSnapshotBody(writeSnapshotBody({ state, sequencer: new Sequencer(), lastReceivedAt: 5, tag: { owner: 'p1' } }));
    expect(read.tag).toEqual({ owner: 'p1' });
    expect(read.sequencer.size).toBe(0);
    expect(read.lastReceivedAt).toBe(5);
  });
});
