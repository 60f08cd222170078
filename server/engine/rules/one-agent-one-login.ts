/**
 * Article 100: nobody uses another's agent number. An agent number logged in at two
 * stations at once, or (with a seat plan configured) at a station not its own, is a
 * security alert that stays until a person resolves it.
 */
import { raise } from '../alerts.js';
import { recordCheck } from '../compliance.js';
import { defineRule } from './types.js';

export const oneAgentOneLogin = defineRule({
  id: 'one-agent-one-login',
  onEvent(ctx, e, config) {
    if (e.type !== 'agent.login') return;
    const agent = ctx.state.agents.get(e.agentId);
    if (!agent) return;
    const others = agent.stations.filter((s) => s !== e.stationId);
    const ownSeat = config.seats[e.agentId];
    const wrongSeat = ownSeat !== undefined && ownSeat !== e.stationId;
    recordCheck(ctx, 'one-agent-one-login', others.length === 0 && !wrongSeat, { agentId: e.agentId });
    if (others.length === 0 && !wrongSeat) return;
    raise(ctx, {
      rule: 'one-agent-one-login',
      kind: 'incident',
      subject: { kind: 'agent', id: e.agentId },
      title: others.length > 0
        ? `Agent number ${e.agentId} logged in at ${e.stationId} while logged in at ${others.join(', ')}`
        : `Agent number ${e.agentId} logged in at ${e.stationId}, not its own station ${ownSeat}`,
      evidence: e.id,
      agentId: e.agentId,
    });
  },
});
