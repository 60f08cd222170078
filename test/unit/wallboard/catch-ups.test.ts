/**
 * Catch-up snapshots go out in batches, one per audience (server/wallboard/catch-ups.ts):
 * screens of one audience that drain in the same turn share one encoded snapshot.
 */
import { describe, expect, it } from 'vitest';
import { batchCatchUps } from '../../../server/wallboard/catch-ups.js';

const socket = (id: string) => ({ id, connected: true });

function harness() {
  const sent: Array<{ key: string; ids: string[] }> = [];
  let run: (() => void) | undefined;
  const catchUps = batchCatchUps<ReturnType<typeof socket>>(
    (key, sockets) => sent.push({ key, ids: sockets.map((s) => s.id) }),
    (flush) => { run = flush; },
  );
  return { catchUps, sent, flush: () => { const r = run; run = undefined; r?.(); } };
}

describe('catch-up snapshots', () => {
  it('sends one batch per audience for the sockets that drained in the same turn, each once', () => {
    const { catchUps, sent, flush } = harness();
    const [a, b, c] = [socket('a'), socket('b'), socket('c')];
    catchUps.add(a, 'team-1');
    catchUps.add(b, 'team-1');
    catchUps.add(a, 'team-1');
    catchUps.add(c, 'floor');
    expect(sent).toEqual([]);
    flush();
    expect(sent).toEqual([{ key: 'team-1', ids: ['a', 'b'] }, { key: 'floor', ids: ['c'] }]);
  });

  it('starts a new batch after a flush, and skips sockets that disconnected meanwhile', () => {
    const { catchUps, sent, flush } = harness();
    const [a, b] = [socket('a'), socket('b')];
    catchUps.add(a, 'floor');
    flush();
    catchUps.add(a, 'floor');
    catchUps.add(b, 'floor');
    b.connected = false;
    flush();
    expect(sent).toEqual([{ key: 'floor', ids: ['a'] }, { key: 'floor', ids: ['a'] }]);
    // Nobody left: nothing is sent at all.
    a.connected = false;
    catchUps.add(a, 'floor');
    flush();
    expect(sent).toHaveLength(2);
  });
});
