/**
 * Events with the same timestamp go in the order they arrived. A feed that stamps whole
 * seconds sends a logout and the login after it, or a meal and the return from it, within
 * one second; only the order it sent them in says which came first. Ordered by event type
 * instead, a re-login at the same seat came before its logout (the agent was left logged
 * out), and a move to another seat came before leaving the first: one agent number at two
 * seats, a critical art. 100 alert that never happened.
 */
import { describe, expect, it } from 'vitest';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { Sequencer, type PendingEvent } from '../../../server/floor/sequencer.js';
import { replayEvents } from '../../../server/replay/replay.js';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor } from '../../helpers/floor-harness.js';

const login = (seconds: number, agentId: string, stationId: string) => ev(seconds, 'agent.login', { agentId, stationId, teamId: 'A' });
const logout = (seconds: number, agentId: string, stationId: string) => ev(seconds, 'agent.logout', { agentId, stationId });

async function floorAfter(...batches: ReturnType<typeof ev>[][]) {
  const { floor, clock } = await openFloor();
  for (const batch of batches) await floor.ingest(batch);
  clock.advance(60_000);
  await floor.tick();
  return floor;
}

describe('events of the same moment', () => {
  it('a logout and the login after it at the same seat, in one batch: the agent is logged in', async () => {
    const floor = await floorAfter([login(0, '1071', 'S-72')], [logout(5, '1071', 'S-72'), login(5, '1071', 'S-72')]);
    expect(floor.agent('1071')?.state).toBe('available');
  });

  it('a move to another seat within the second: no alert of one number at two seats', async () => {
    const floor = await floorAfter([login(0, '1070', 'S-70')], [logout(5, '1070', 'S-70'), login(5, '1070', 'S-71')]);
    expect(floor.agent('1070')?.state).toBe('available');
    expect(floor.liveAlerts().filter((a) => a.rule === 'one-agent-one-login')).toEqual([]);
  });

  it('two batches of the same second: the later one\'s state stands', async () => {
    const floor = await floorAfter(
      [login(0, '1060', 'S-60')],
      // Ids whose text order is not the order sent ("z10" sorts before "z9").
      [ev(5, 'agent.state', { id: 'z9', agentId: '1060', state: 'not_ready', reason: 'meal' })],
      [ev(5, 'agent.state', { id: 'z10', agentId: '1060', state: 'available' })],
    );
    expect(floor.agent('1060')?.state).toBe('available');
  });

  it('the other way round too: the order sent decides, not the kind of event', async () => {
    const floor = await floorAfter([login(0, '1072', 'S-73')], [login(5, '1073', 'S-74'), logout(5, '1073', 'S-74')]);
    expect(floor.agent('1073')?.state).toBe('logged_out');
  });

  it('a replay keeps the file\'s order for ties, as the live floor keeps arrival', () => {
    const events = [login(0, '1071', 'S-72'), logout(5, '1071', 'S-72'), login(5, '1071', 'S-73')];
    expect(replayEvents(events, defaultRulesConfig()).alerts.filter((a) => a.rule === 'one-agent-one-login')).toEqual([]);
  });
});

describe('the reorder buffer', () => {
  it('orders by moment first, then arrival, whatever arrived first', () => {
    const buffer = new Sequencer();
    buffer.add(logout(5, '1', 'S-1'), T0, 0, 3);
    buffer.add(login(5, '1', 'S-1'), T0, 0, 4);
    buffer.add(ev(4, 'agent.state', { agentId: '1', state: 'available' }), T0, 0, 5);
    const out: string[] = [];
    for (let p = buffer.takeDue(T0 + 10_000); p; p = buffer.takeDue(T0 + 10_000)) out.push(`${p.event.type}@${p.seq}`);
    expect(out).toEqual(['agent.state@5', 'agent.logout@3', 'agent.login@4']);
  });

  it('puts events a snapshot kept without their arrival before those that came after it', () => {
    const kept: PendingEvent[] = [{ at: T0 + 5000, rank: 14, event: logout(5, '1', 'S-1') }];
    const buffer = new Sequencer(kept);
    buffer.add(login(5, '1', 'S-1'), T0, 0, 10);
    expect(buffer.takeDue(T0 + 5000)?.event.type).toBe('agent.logout');
    expect(buffer.takeDue(T0 + 5000)?.event.type).toBe('agent.login');
  });
});
