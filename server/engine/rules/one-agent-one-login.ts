/**
 * Article 100: nobody uses another's agent number. An agent number logged in at two
 * stations at once, or (with a seat plan configured) at a station not its own, is a
 * security alert that stays until a person resolves it.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
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
      ...(others.length > 0
        ? alertTitle('one-agent-one-login.twoStations', { agent: e.agentId, station: e.stationId, others: others.join(', ') })
        : alertTitle('one-agent-one-login.wrongSeat', { agent: e.agentId, station: e.stationId, seat: String(ownSeat) })),
      evidence: e.id,
      agentId: e.agentId,
    });
  },
});
