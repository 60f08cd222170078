/**
 * Who is scheduled now and not logged in, as the floor sends it with each team's adherence
 * (server/floor/not-in.ts): an agent who never logged in is on no other list a screen gets,
 * so the wallboard could count them ("2 of 11 off schedule") but not say who. A lead's
 * screen gets its own teams' only; the TV gets the figures without the names.
 */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../server/access/principal.js';
import { audienceOf, deltaFor, snapshotFor } from '../../../server/access/audience.js';
import type { FloorDelta } from '../../../shared/wallboard.js';
import { ev, openFloor, WINDOW } from '../../helpers/floor-harness.js';
import { min, ms, shift, upsert } from '../engine/plan-harness.js';

const named = (s: ReturnType<typeof shift>, name: string) => ({ ...s, name });

async function floorWithPlan() {
  const ctx = await openFloor();
  const deltas: FloorDelta[] = [];
  ctx.floor.onDelta((d) => deltas.push(d));
  await ctx.floor.changeSchedule(upsert([
    named(shift('1001', 60, min(480), { teamId: 'A' }), 'Wang Fang'),
    named(shift('1003', 60, min(480), { teamId: 'A' }), 'Name In The Plan'),
    named(shift('1027', 60, min(480), { teamId: 'A' }), 'Zhao Min'),
    shift('2001', 60, min(480), { teamId: 'B' }),
  ]));
  const until = async (seconds: number) => {
    ctx.clock.set(ms(seconds) + WINDOW);
    await ctx.floor.tick();
    ctx.floor.flush();
  };
  /** Events as a feed sends them: when they happen (a feed's clock may run ahead by a minute at most). */
  const at = async (seconds: number, ...events: ReturnType<typeof ev>[]) => {
    ctx.clock.set(ms(seconds));
    await ctx.floor.ingest(events);
    await until(seconds);
  };
  /** The morning: two in before the shifts begin, one of them on a break at 90 s, the other gone at 120 s. */
  const morning = async () => {
    await at(30,
      ev(30, 'agent.login', { agentId: '1001', stationId: 'S-1', teamId: 'A' }),
      ev(30, 'agent.login', { agentId: '1003', stationId: 'S-3', teamId: 'A', name: 'Chen Jing' }));
    // On a break at the seat: off schedule, but in.
    await at(90, ev(90, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'break' }));
    await at(120, ev(120, 'agent.logout', { agentId: '1003', stationId: 'S-3' }));
  };
  return { ...ctx, deltas, until, at, morning };
}

const user = (role: 'supervisor' | 'lead', teams: string[] = []): Viewer => ({
  kind: 'user', id: `u-${role}`, username: role, name: role, role, teams, mustChangePassword: false, sessionId: 's',
});
const display: Viewer = { kind: 'device', id: 'd1', name: 'TV', role: 'display', teams: [] };

describe('who is scheduled and not in, with each team\'s adherence', () => {
  it('lists, per team, the agents on shift now who are not logged in, with the floor\'s name or the plan\'s', async () => {
    const { floor, until, morning } = await floorWithPlan();
    await until(20);
    // Before the shifts begin nobody is missing.
    expect(floor.snapshot().adherence.flatMap((t) => t.notIn ?? [])).toEqual([]);

    await morning();
    await until(150);
    const [a, b] = floor.snapshot().adherence;
    expect(a).toMatchObject({ teamId: 'A', scheduledNow: 3, outOfAdherence: 3 });
    expect(a.notIn).toEqual([
      // Logged in this morning and left: the login's name, not the plan's.
      { agentId: '1003', name: 'Chen Jing', scheduled: 'working', since: ms(120) },
      // Never logged in: not one of the floor's agents at all, named by the plan.
      { agentId: '1027', name: 'Zhao Min', scheduled: 'working', since: ms(60) },
    ]);
    expect(floor.snapshot().agents.map((x) => x.agentId)).not.toContain('1027');
    expect(b).toMatchObject({ teamId: 'B', notIn: [{ agentId: '2001', scheduled: 'working', since: ms(60) }] });
    expect(b.notIn![0]).not.toHaveProperty('name');
  });

  it('sends the list again in the delta that carries the teams\' adherence when someone comes in', async () => {
    const { deltas, until, at, morning } = await floorWithPlan();
    await morning();
    await until(150);
    deltas.length = 0;
    await at(160, ev(160, 'agent.login', { agentId: '1027', stationId: 'S-27', teamId: 'A' }));
    const carried = deltas.filter((d) => d.adherence !== undefined);
    expect(carried).toHaveLength(1);
    expect(carried[0].adherence!.find((t) => t.teamId === 'A')!.notIn?.map((x) => x.agentId)).toEqual(['1003']);
  });

  it('goes to a lead for their own teams only, and never to a TV', async () => {
    const { floor, deltas, until, at, morning } = await floorWithPlan();
    await morning();
    await until(150);
    const snapshot = floor.snapshot();
    const lead = snapshotFor(snapshot, audienceOf(user('lead', ['B'])));
    expect(lead.adherence.map((t) => [t.teamId, t.notIn?.map((x) => x.agentId)])).toEqual([['B', ['2001']]]);
    expect(snapshotFor(snapshot, audienceOf(user('supervisor'))).adherence.flatMap((t) => t.notIn ?? [])).toHaveLength(3);

    const tv = snapshotFor(snapshot, audienceOf(display));
    // The TV keeps the teams' figures it always had...
    expect(tv.adherence.map((t) => [t.teamId, t.scheduledNow, t.outOfAdherence])).toEqual([['A', 3, 3], ['B', 1, 1]]);
    // ...and nothing of who: not the names, not the numbers of those who never came in.
    expect(JSON.stringify(tv)).not.toMatch(/notIn|Zhao Min|1027|2001/);
    expect(snapshot.adherence[0]).toHaveProperty('notIn'); // the cut copies, the floor's own is kept

    deltas.length = 0;
    await at(160, ev(160, 'agent.logout', { agentId: '1001', stationId: 'S-1' }));
    const delta = deltas.find((d) => d.adherence !== undefined)!;
    expect(delta.adherence!.find((t) => t.teamId === 'A')!.notIn?.map((x) => x.agentId)).toEqual(['1001', '1003', '1027']);
    for (const tvDelta of [deltaFor(delta, audienceOf(display)), deltaFor(delta, { ...audienceOf(display), teams: new Set(['A']) })]) {
      expect(tvDelta.adherence?.length).toBeGreaterThan(0);
      expect(JSON.stringify(tvDelta.adherence)).not.toMatch(/notIn|Zhao Min/);
    }
  });
});
