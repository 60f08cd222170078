/**
 * Microsoft Teams (Workflows "post to a channel when a webhook request is received", or a
 * classic incoming webhook): a message with one Adaptive Card attachment, its facts in a
 * FactSet and the two links as Action.OpenUrl buttons.
 */
import type { NotificationMessage } from '../../../shared/notify.js';
import { contentOf } from './content.js';

export function teamsBody(msg: NotificationMessage, now: number) {
  const c = contentOf(msg, now);
  const actions = [{ type: 'Action.OpenUrl', title: c.view.label, url: c.view.url }];
  if (c.acknowledge) actions.push({ type: 'Action.OpenUrl', title: c.acknowledge.label, url: c.acknowledge.url });
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          { type: 'TextBlock', text: c.title, weight: 'Bolder', size: 'Medium', wrap: true, color: msg.alert.severity === 'critical' ? 'Attention' : 'Default' },
          { type: 'TextBlock', text: c.headline, wrap: true },
          { type: 'FactSet', facts: c.facts.map((f) => ({ title: f.label, value: f.value })) },
          ...(c.acknowledge ? [{ type: 'TextBlock', text: c.acknowledge.note, isSubtle: true, wrap: true }] : []),
        ],
        actions,
      },
    }],
  };
}
