/**
 * Real alerts for the notification tests, made by the real engine on a fake clock: a
 * forbidden phrase (critical, with the caller's number in `sensitive`) that escalates
 * lead -> supervisor -> manager on the default timers (60 s, then 120 s).
 */
import type { Alert } from '../../../shared/alerts.js';
import type { RecipientConfig, RouteConfig } from '../../../shared/notify.js';
import { recipientInput, routeInput } from '../../../shared/notify.js';
import type { RoutingRecipient } from '../../../server/notify/routing/audience.js';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';

export const CALLER = '13812345678';
export const PHRASE = '这个我不知道';

/** The forbidden-phrase alert at each level: opened (lead), +60 s (supervisor), +180 s (manager). */
export function escalatingAlert(teamId = 'A'): { lead: Alert; supervisor: Alert; manager: Alert; harness: EngineHarness } {
  const h = new EngineHarness();
  h.login(0, '1001', teamId);
  h.answeredCall(1, 'c1', '1001');
  h.at(6, 'transcript.utterance', { callId: 'c1', speaker: 'agent', agentId: '1001', text: PHRASE });
  const lead = structuredClone(h.of('forbidden-phrases')[0]);
  h.tick(6 + 60);
  const supervisor = structuredClone(h.of('forbidden-phrases')[0]);
  h.tick(6 + 180);
  const manager = structuredClone(h.of('forbidden-phrases')[0]);
  return { lead, supervisor, manager, harness: h };
}

export const at = (seconds: number) => T0 + seconds * 1000;

export function recipient(fields: Partial<RecipientConfig> & { id: string; account: string }, holder?: RoutingRecipient['holder']): RoutingRecipient {
  const config = { ...recipientInput.parse({ name: fields.id, contacts: [{ channel: 'hook' }], ...fields }), id: fields.id };
  return holder === undefined ? config : { ...config, holder };
}

export function routeOf(fields: Partial<RouteConfig> = {}): RouteConfig {
  return { ...routeInput.parse(fields), id: fields.id ?? 'r1' };
}
