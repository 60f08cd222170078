/**
 * The open alerts, most severe and oldest first, each a card with its actions. An alert
 * that leaves the list while a lead has one of its forms open (acknowledged by someone
 * else, or resolved: the hold ended while the lead was typing an approval) keeps its card,
 * in its place, saying what happened, until the lead closes the form (ClosedMeanwhile.tsx).
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index.js';
import { AlertCard, type DoneMessage } from './AlertCard.js';
import { useOpenForms, type ClosedMeanwhile } from './ClosedMeanwhile.js';
import type { BoardAlert } from './floor-read.js';
import { compareAlerts, openInDeskOrder } from './order.js';

export function AlertList({ alerts, onDone, connecting = false }: {
  /** Any alerts: only the open ones are listed, in desk order. */
  alerts: readonly BoardAlert[];
  onDone(done: DoneMessage): void;
  /** No floor yet: say so rather than "no open alerts". */
  connecting?: boolean;
}) {
  const t = useT();
  const open = openInDeskOrder(alerts);
  const count = { critical: 0, warning: 0, info: 0 };
  for (const a of open) count[a.severity] += 1;
  const inHand = alerts.filter((a) => a.status === 'acknowledged').length;

  const { openForms, onFormOpen } = useOpenForms();
  // The last version of each listed alert, for a card kept after its alert left the list
  // (a resolved alert leaves the floor's store altogether). Only those with a form open are kept.
  const lastSeen = useRef(new Map<string, BoardAlert>());
  const openIds = new Set(open.map((a) => a.id));
  for (const a of open) lastSeen.current.set(a.id, a);
  for (const id of [...lastSeen.current.keys()]) if (!openIds.has(id) && !openForms.has(id)) lastSeen.current.delete(id);
  const byId = new Map(alerts.map((a) => [a.id, a]));
  const kept = [...openForms].filter((id) => !openIds.has(id)).flatMap((id) => {
    const last = lastSeen.current.get(id);
    return last === undefined ? [] : [{ alert: last, closed: closedOf(byId.get(id)) }];
  });
  const cards = [...open.map((alert) => ({ alert, closed: undefined as ClosedMeanwhile | undefined })), ...kept]
    .sort((x, y) => compareAlerts(x.alert, y.alert));

  // After a command the keyboard user goes on from where they were: to the next card once
  // the one acted on has left the list (acknowledged, resolved), or back to that card when
  // it stays (a hold approved, an escalation); the list's title when none is left.
  const listRef = useRef<HTMLOListElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [refocus, setRefocus] = useState<{ id: string; next: string | undefined; leaves: boolean } | null>(null);
  const cardIds = cards.map((c) => c.alert.id).join(',');
  useEffect(() => {
    if (refocus === null) return;
    const articles = [...(listRef.current?.querySelectorAll<HTMLElement>('article[data-alert]') ?? [])];
    const here = (id: string | undefined) => articles.find((el) => id !== undefined && el.dataset.alert === id) ?? null;
    const own = here(refocus.id);
    if (refocus.leaves && own !== null) return; // not gone yet: the floor's update is on its way
    (refocus.leaves ? here(refocus.next) ?? titleRef.current : own ?? titleRef.current)?.focus();
    setRefocus(null);
  }, [refocus, cardIds]);
  const doneOn = (index: number) => (done: DoneMessage) => {
    const id = cards[index]!.alert.id;
    const leaves = done.key === 'alerts.done.acknowledged' || done.key === 'alerts.done.resolved';
    setRefocus({ id, next: (cards[index + 1] ?? cards[index - 1])?.alert.id, leaves });
    onDone(done);
  };

  return (
    <section className="desk-panel desk-open" aria-labelledby="desk-open-title">
      <div className="desk-panel-head">
        <h2 id="desk-open-title" className="desk-panel-title" ref={titleRef} tabIndex={-1}>
          {t('alerts.open.title')} <span className="desk-count">{open.length}</span>
        </h2>
        <p className="desk-panel-note">
          {t('alerts.severityCount', count)} — {t('alerts.open.order')}
          {/* Acknowledged and not resolved: still live, listed under the history's "in hand". */}
          {inHand > 0 && <span className="desk-in-hand"> · {t('alerts.open.inHand', { count: inHand })}</span>}
        </p>
      </div>
      {cards.length === 0 ? (
        <p className="desk-empty">{connecting ? t('alerts.open.waiting') : t('alerts.open.empty')}</p>
      ) : (
        <ol className="desk-list" ref={listRef}>
          {cards.map(({ alert: a, closed }, index) => (
            <li key={a.id}>
              <AlertCard alert={a} onDone={doneOn(index)} onFormOpen={onFormOpen} closed={closed} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** What became of an alert no longer open: still on the floor, acknowledged; gone from it, resolved. */
function closedOf(now: BoardAlert | undefined): ClosedMeanwhile {
  if (now !== undefined && now.status === 'acknowledged') {
    return now.acknowledgedBy === undefined ? { status: 'acknowledged' } : { status: 'acknowledged', by: now.acknowledgedBy };
  }
  return { status: 'resolved' };
}
