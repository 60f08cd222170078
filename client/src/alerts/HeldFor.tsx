/**
 * On a hold alert's card, how long the caller has been on hold now (art. 67): the alert's
 * own age says when it opened (at the limit), not how long the customer has waited, and a
 * lead deciding whether to approve more needs the latter at a glance, not only in the form.
 */
import { useT } from '../i18n/index.js';
import { formatElapsed } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';
import { canApproveHold } from './order.js';
import { useHoldSince, type BoardAlert } from './floor-read.js';

export function HeldFor({ alert: a }: { alert: BoardAlert }) {
  const t = useT();
  const now = useServerNow();
  const since = useHoldSince(canApproveHold(a) ? a.callId : undefined, a.agentId);
  if (since === undefined) return null;
  return <span className="desk-held-now" data-held-since={since}>{t('alerts.heldNow', { time: formatElapsed(Math.max(0, now - since)) })}</span>;
}
