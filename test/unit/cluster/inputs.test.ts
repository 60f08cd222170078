/**
 * A cluster process's ingest (server/cluster/inputs.ts): events stamped too far ahead are
 * refused as a single process refuses them, and the rest go to the input stream with
 * their JSON from the parser, each text still beside its own event; events later than the
 * reorder window are counted late, as a single process counts them.
 */
import { describe, expect, it } from 'vitest';
import { ClusterInputs } from '../../../server/cluster/inputs.js';
import type { ReplyBox } from '../../../server/cluster/replies.js';
import type { InputStream } from '../../../server/cluster/stream-log.js';
import type { FloorEvent } from '../../../shared/events.js';

const NOW = 1_795_000_000_000;
const login = (id: string, ts: number): FloorEvent => ({ id, type: 'agent.login', ts, agentId: id, stationId: 'S-1' }) as FloorEvent;

/** The stream's append as the inputs call it: what they were given, and no duplicates. */
function recordingStream(): { stream: InputStream; calls: Array<{ events: FloorEvent[]; texts: readonly string[] | undefined }> } {
  const calls: Array<{ events: FloorEvent[]; texts: readonly string[] | undefined }> = [];
  const stream = {
    appendEvents: async (events: FloorEvent[], texts?: readonly string[]) => {
      calls.push({ events, texts });
      return { duplicates: [] };
    },
  } as unknown as InputStream;
  return { stream, calls };
}

describe('a cluster process taking events', () => {
  it("refuses an event stamped too far ahead and appends the others with their parser's JSON", async () => {
    const { stream, calls } = recordingStream();
    const inputs = new ClusterInputs({ stream, replies: {} as ReplyBox, processId: 'p1', maxFutureMs: 60_000, now: () => NOW });
    const events = [login('a', NOW), login('b', NOW + 120_000), login('c', NOW + 1000)];
    const texts = events.map((e) => `${JSON.stringify(e)} `);
    const outcome = await inputs.ingest(events, texts);
    expect(outcome).toEqual({ accepted: 2, duplicates: 0, refused: [{ index: 1, field: 'ts', reason: expect.stringContaining('60 s ahead') }] });
    expect(calls).toEqual([{ events: [events[0], events[2]], texts: [texts[0], texts[2]] }]);
  });

  it('leaves the JSON to the stream when the parser gave none', async () => {
    const { stream, calls } = recordingStream();
    const inputs = new ClusterInputs({ stream, replies: {} as ReplyBox, processId: 'p1', now: () => NOW });
    await inputs.ingest([login('a', NOW)]);
    expect(calls).toEqual([{ events: [login('a', NOW)], texts: undefined }]);
  });

  it('counts the events stamped further behind than the reorder window as late, not a resend nor a resync', async () => {
    const stream = {
      // The second event is a resend the stream already holds.
      appendEvents: async () => ({ duplicates: [1] }),
    } as unknown as InputStream;
    const inputs = new ClusterInputs({ stream, replies: {} as ReplyBox, processId: 'p1', reorderWindowMs: 2000, now: () => NOW });
    const resynced = { id: 'r', type: 'agent.logout', ts: NOW - 600_000, agentId: 'r', stationId: 'S-1', resync: true } as FloorEvent;
    const outcome = await inputs.ingest([login('on-time', NOW - 1000), login('resent', NOW - 900_000), login('eight-hours', NOW - 8 * 3_600_000), resynced]);
    expect(outcome.late).toEqual({ count: 1, behindMs: 8 * 3_600_000 });
  });
});
