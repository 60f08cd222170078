/**
 * Article 77: after each call the agent records its content and call type. After-call
 * work that runs past its limit is an alert at that second; a wrap-up without a call type
 * (or notes, when required) is a breach; so is after-call work left without any record
 * (the next call answered, or a logout), since every call must get its record: on a floor
 * whose feed reports wrap-ups at all (state.wrapUpsReported), as a PBX's does not.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { alertReason } from '../../../shared/alerts.js';
import type { AgentRecord } from '../state.js';
import { clearCondition, liveAlert, raise, resolveAlert } from '../alerts.js';
import { schedule, type Ctx } from '../context.js';
import { recordCheck } from '../compliance.js';
import { defineRule } from './types.js';

/**
 * After-call work for `agent.recordOwed` ended without its record: a failed check, and an
 * alert on that call. A condition: the call still lacks its record, and a record that
 * arrives later gives it one (the failed check stays: it was not made in after-call work).
 */
function leftWithoutRecord(ctx: Ctx, agent: AgentRecord, evidence: string): void {
  const callId = agent.recordOwed;
  if (callId === undefined) return;
  agent.recordOwed = undefined;
  recordCheck(ctx, 'wrap-up-record', false, { agentId: agent.agentId });
  raise(ctx, {
    rule: 'wrap-up-record',
    kind: 'condition',
    subject: { kind: 'call', id: callId },
    ...alertTitle('wrap-up-record.unrecorded', { agent: agent.agentId, call: callId }),
    evidence,
    agentId: agent.agentId,
    callId,
  });
}

/** A record arrived: it resolves the alerts about that call only, never those of another call. */
function recorded(ctx: Ctx, agentId: string, callId: string): void {
  const agent = ctx.state.agents.get(agentId);
  if (agent?.recordOwed === callId) agent.recordOwed = undefined;
  // The over-long alert is about the call in after-call work; a late record for an earlier call leaves it open.
  const overLong = liveAlert(ctx, 'wrap-up-record', { kind: 'agent', id: agentId });
  if (overLong?.kind === 'condition' && overLong.callId === callId) resolveAlert(ctx, overLong, 'auto', alertReason('wrapUpRecorded'));
  const unrecorded = liveAlert(ctx, 'wrap-up-record', { kind: 'call', id: callId });
  if (unrecorded?.agentId === agentId) clearCondition(ctx, 'wrap-up-record', { kind: 'call', id: callId }, alertReason('wrapUpRecordedLate'));
}

export const wrapUpRecord = defineRule({
  id: 'wrap-up-record',
  onEvent(ctx, e, config) {
    if (e.type === 'call.ended' || e.type === 'call.transferred') {
      // The leg just ended: whoever is now in after-call work on this call gets a deadline, and owes its record.
      const agentId = ctx.state.calls.get(e.callId)?.lastAgentId;
      const agent = agentId === undefined ? undefined : ctx.state.agents.get(agentId);
      if (agent?.acwCallId === e.callId && agent.acwSince === ctx.now) {
        if (agent.recordOwed !== e.callId) leftWithoutRecord(ctx, agent, e.id); // defensive: a feed that skipped an answer
        // A call a feed found ended after losing its link (resync) ended while nobody looked,
        // and its record may have come meanwhile, before the end it belongs to: not owed.
        const foundEnded = e.type === 'call.ended' && e.resync === true;
        if (ctx.state.wrapUpsReported === true && !foundEnded) agent.recordOwed = e.callId;
        schedule(ctx, 'wrap-up-record', 'acw', agent.agentId, ctx.now + config.maxAfterCallSeconds * 1000, ctx.now);
      }
      return;
    }
    if (e.type === 'agent.logout' || e.type === 'call.answered') {
      const agent = ctx.state.agents.get(e.agentId);
      if (agent && agent.acwCallId === undefined) {
        clearCondition(ctx, 'wrap-up-record', { kind: 'agent', id: e.agentId }, alertReason('acwEnded'));
        // Back on the very call it owes (it came back to the agent): the record is owed at its end, not now.
        // An answer a feed found after losing its link (resync) came after a gap in which the
        // record may have come too: the debt is let go, not raised.
        if (e.type === 'call.answered' && e.resync === true) agent.recordOwed = undefined;
        else if (!(e.type === 'call.answered' && e.callId === agent.recordOwed)) leftWithoutRecord(ctx, agent, e.id);
      }
      return;
    }
    if (e.type !== 'wrapup.completed') return;
    ctx.state.wrapUpsReported = true;
    recorded(ctx, e.agentId, e.callId);
    const noType = e.callType === undefined || e.callType.trim() === '';
    const noNotes = config.requireNotes && (e.notes === undefined || e.notes.trim() === '');
    recordCheck(ctx, 'wrap-up-record', !noType && !noNotes, { agentId: e.agentId });
    if (!noType && !noNotes) return;
    raise(ctx, {
      rule: 'wrap-up-record',
      kind: 'incident',
      subject: { kind: 'call', id: e.callId },
      ...alertTitle(noType ? (noNotes ? 'wrap-up-record.noTypeNoNotes' : 'wrap-up-record.noType') : 'wrap-up-record.noNotes',
        { agent: e.agentId }),
      evidence: e.id,
      agentId: e.agentId,
      callId: e.callId,
    });
  },
  onDeadline(ctx, d, config) {
    const agent = ctx.state.agents.get(d.key);
    if (!agent || agent.acwCallId === undefined || agent.acwSince !== d.ref) return;
    recordCheck(ctx, 'wrap-up-record', false, { agentId: agent.agentId });
    raise(ctx, {
      rule: 'wrap-up-record',
      kind: 'condition',
      subject: { kind: 'agent', id: agent.agentId },
      ...alertTitle('wrap-up-record.acwTooLong', { agent: agent.agentId, seconds: Math.round(config.maxAfterCallSeconds) }),
      evidence: agent.acwCallId,
      agentId: agent.agentId,
      callId: agent.acwCallId,
    });
  },
});
