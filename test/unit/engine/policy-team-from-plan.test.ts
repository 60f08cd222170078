/**
 * No phone-system feed names an agent's team, so the plan's is the agent's team until a
 * feed says otherwise. Without it, a team's handover (art. 81) ignored that team's
 * unresolved emergencies, and a lead's team scope never showed the agent's alerts.
 */
import { describe, expect, it } from 'vitest';
import type { FloorCommand } from '../../../shared/commands.js';
import { min, PlanHarness, shift, upsert } from './plan-harness.js';

const confirmA: FloorCommand = { type: 'handover.confirm', by: 'lead-a', handoverId: 'ho-1', teamIds: ['A'], toAccount: 'lead-b' };

describe('an agent whose feed names no team takes the plan\'s', () => {
  it('art. 81: an emergency on a team-A agent logged in without a team blocks team A\'s handover', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([shift('1001', 60, min(480), { teamId: 'A' })]));
    h.at(30, 'agent.login', { agentId: '1001', stationId: 'S-1001' });
    expect(h.state.agents.get('1001')?.teamId).toBe('A');
    h.at(60, 'urgent.reported', { agentId: '1001', summary: 'fraud in progress' });
    expect(h.open('urgent-escalation')).toMatchObject([{ teamId: 'A' }]);
    expect(h.command(120, confirmA)).toMatchObject({ ok: false });
  });

  it('a plan that comes after the login gives agents already on the floor their team; a feed\'s own team wins', () => {
    const h = new PlanHarness();
    h.at(0, 'agent.login', { agentId: '1001', stationId: 'S-1001' });
    h.at(0, 'agent.login', { agentId: '1002', stationId: 'S-1002', teamId: 'X' });
    h.at(5, 'agent.state', { agentId: '1003', state: 'available' }); // seen only by its state
    expect(h.state.agents.get('1001')?.teamId).toBeUndefined();
    h.plan(10, upsert([
      shift('1001', 60, min(480), { teamId: 'A' }),
      shift('1002', 60, min(480), { teamId: 'B' }),
      shift('1003', 60, min(480), { teamId: 'C' }),
    ]));
    expect([...['1001', '1002', '1003']].map((a) => h.state.agents.get(a)?.teamId)).toEqual(['A', 'X', 'C']);
    // A new agent first seen through a call takes the plan's team at once.
    h.plan(20, upsert([shift('1004', 60, min(480), { teamId: 'D' })]));
    h.answeredCall(30, 'c1', '1004');
    expect(h.state.agents.get('1004')?.teamId).toBe('D');
  });

  it('the shift under way gives the team, else the nearest one; no plan, no team', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([
      shift('1001', min(60), min(120), { teamId: 'EARLY', id: 'e' }),
      shift('1001', min(600), min(660), { teamId: 'LATE', id: 'l' }),
    ]));
    h.at(min(130), 'agent.login', { agentId: '1001', stationId: 'S-1001' });
    expect(h.state.agents.get('1001')?.teamId).toBe('EARLY');
    h.at(min(130), 'agent.login', { agentId: '9999', stationId: 'S-9999' });
    expect(h.state.agents.get('9999')?.teamId).toBeUndefined();
  });
});
