import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { mayCommand } from '../../../server/access/permissions.js';
import type { Viewer } from '../../../server/access/principal.js';
import { createCommandHandlers } from '../../../server/http/command-handlers.js';
import { openFloor, WINDOW } from '../../helpers/floor-harness.js';
import { addPerson, INITIAL_ADMIN, signIn, startSecuredFloor } from '../../helpers/secured-floor.js';
import { min, ms } from '../engine/plan-harness.js';
import { leaveBeforeRelief } from './leave-before-relief.js';

function user(role: 'lead' | 'supervisor' | 'manager' | 'admin', teams: string[] = []): Viewer {
  return { kind: 'user', id: `id-${role}-${teams.join('')}`, username: `${role}${teams.join('')}`, name: role, role, teams, mustChangePassword: false, sessionId: 's' };
}

/** A real floor where 1001 (team A) left seat S-7 at shift end before the relief came. */
async function floorWithLeaver() {
  const ctx = await openFloor();
  await leaveBeforeRelief(ctx.floor, ctx.clock);
  ctx.clock.set(ms(min(56)) + WINDOW);
  await ctx.floor.tick();
  const audit: Array<{ actor: string; action: string; target?: string; detail?: Record<string, unknown> }> = [];
  const handlers = createCommandHandlers(ctx.floor, { record: async (e) => { audit.push(e); } }, pino({ level: 'silent' }));
  return { ...ctx, handlers, audit };
}

describe('leave approval (art. 79) through the command handlers', () => {
  it('a lead of the agent\'s team approves: the alert resolves in the lead\'s name and the approval is audited', async () => {
    const { floor, handlers, audit } = await floorWithLeaver();
    const [alert] = floor.snapshot().alerts;
    expect(alert.rule).toBe('no-leaving-post');
    const outcome = await handlers.approveLeave({ agentId: '1001', note: 'relief delayed, approved' }, { viewer: user('lead', ['A']), ip: '10.0.0.9' });
    expect(outcome).toMatchObject({ status: 'done', result: { ok: true, value: { agentId: '1001', approvedBy: 'leadA', resolvedAlertId: alert.id } } });
    expect(floor.snapshot().alerts).toEqual([]);
    expect(audit).toEqual([{
      actor: 'id-lead-A', action: 'leave-approved', target: '1001', ip: '10.0.0.9', detail: { agentId: '1001', note: 'relief delayed, approved' },
    }]);
  });

  it('a lead of another team, an administrator or a manager may not; bad input names the field', async () => {
    const { floor, handlers, audit } = await floorWithLeaver();
    expect(await handlers.approveLeave({ agentId: '1001' }, { viewer: user('lead', ['B']) })).toMatchObject({
      status: 'forbidden', result: { ok: false, error: 'that is not one of your teams' },
    });
    expect(await handlers.approveLeave({ agentId: '1001' }, { viewer: user('admin') })).toMatchObject({
      status: 'forbidden', result: { error: 'an administrator may not approve leaving the seat' },
    });
    expect((await handlers.approveLeave({ agentId: '1001' }, { viewer: user('manager') })).status).toBe('forbidden');
    expect(await handlers.approveLeave({ agentId: '' }, { viewer: user('supervisor') })).toMatchObject({
      status: 'invalid', result: { ok: false, field: 'agentId' },
    });
    expect(await handlers.approveLeave({ agentId: 'ghost' }, { viewer: user('supervisor') })).toMatchObject({
      status: 'refused', result: { ok: false, field: 'agentId' },
    });
    expect(floor.snapshot().alerts).toHaveLength(1);
    expect(audit).toEqual([]);
    expect((await handlers.approveLeave({ agentId: '1001' }, { viewer: user('supervisor') })).status).toBe('done');
  });

  it('nobody gives handover.confirm directly: only the handover service does', () => {
    for (const viewer of [user('lead', ['A']), user('supervisor'), user('manager'), user('admin')]) {
      expect(mayCommand(viewer, 'handover.confirm', 'A')).toMatchObject({ ok: false });
    }
  });
});

describe('POST /api/v1/agents/:agentId/leave-approval', () => {
  it('answers the CommandResult: 200 for the agent\'s own lead, 403 for another team\'s, 409 when the floor refuses', async () => {
    const s = await startSecuredFloor();
    try {
      const admin = await signIn(s.base, 'admin', INITIAL_ADMIN);
      const leads: Record<string, Awaited<ReturnType<typeof signIn>>> = {};
      for (const [key, role, teams] of [['A', 'lead', ['A']], ['B', 'lead', ['B']], ['sup', 'supervisor', []]] as const) {
        leads[key] = await addPerson(admin, s.base, `p-${key.toLowerCase()}`, role, [...teams]);
      }
      await leaveBeforeRelief(s.floor, s.clock);
      await s.floor.tick();
      const [alert] = s.floor.snapshot().alerts;
      const other = await leads.B.call('POST', '/api/v1/agents/1001/leave-approval', { csrf: true, body: {} });
      expect(other.status).toBe(403);
      const own = await leads.A.call('POST', '/api/v1/agents/1001/leave-approval', { csrf: true, body: { note: 'ok' } });
      expect(own.status).toBe(200);
      expect(await own.json()).toMatchObject({ ok: true, value: { agentId: '1001', approvedBy: 'p-a', resolvedAlertId: alert.id } });
      const unknown = await leads.sup.call('POST', '/api/v1/agents/ghost/leave-approval', { csrf: true, body: {} });
      expect(unknown.status).toBe(409);
      expect(await unknown.json()).toMatchObject({ ok: false, field: 'agentId' });
      const byAdmin = await admin.call('POST', '/api/v1/agents/1001/leave-approval', { csrf: true, body: {} });
      expect(byAdmin.status).toBe(403); // administrators manage the system, not the floor
    } finally {
      await s.close();
    }
  });
});
