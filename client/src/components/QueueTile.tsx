/**
 * A queue at a glance: calls waiting and the longest wait (ticking locally from
 * `oldestWaitingSince`), then today's service level, ASA and abandon rate. Each figure
 * has a warning and a critical level (floor/thresholds.ts, with hysteresis); a level is
 * shown by colour AND by a mark and word, and the tile takes the worst of its figures.
 * Then the agents serving the queue (those its calls have reached today) by what they do,
 * under a caption that says so in so many words: "本队列坐席 0 空闲" on every queue at the
 * start of a shift, beside a floor of 51 idle agents, read as nobody free to take a call.
 * While none of them is on the floor (no call has reached anyone yet) the tile says that
 * rather than four zeros. Each figure's own label stays short enough for a compact tile
 * (two by two, "2 On a call" on one line, never cut in a word).
 */
import { memo, useState, useEffect } from 'react';
import type { QueueFigures } from '../../../shared/figures.js';
import { THRESHOLDS, type Level } from '../floor/thresholds.js';
import { useLevel } from '../floor/use-level.js';
import { useT, type T } from '../i18n/index.js';
import { formatElapsed, formatPercent, formatSeconds } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';

const RANK: Record<Level, number> = { normal: 0, warning: 1, critical: 2 };
const worst = (levels: Level[]): Level => levels.reduce((w, l) => (RANK[l] > RANK[w] ? l : w), 'normal');

export const QueueTile = memo(function QueueTile({ queue: q, thresholdSeconds }: { queue: QueueFigures; thresholdSeconds: number }) {
  const t = useT();
  const waiting = useLevel(THRESHOLDS.waiting, q.waiting);
  const sl = useLevel(THRESHOLDS.serviceLevel, q.serviceLevel);
  const asa = useLevel(THRESHOLDS.asaSeconds, q.asaSeconds);
  const abandon = useLevel(THRESHOLDS.abandonRate, q.abandonRate);
  // The longest wait ticks in its own component; it reports its level up for the tile's edge.
  const [waitLevel, setWaitLevel] = useState<Level>('normal');
  const tileLevel = worst([waiting, sl, asa, abandon, q.oldestWaitingSince === null ? 'normal' : waitLevel]);
  return (
    <article className={`queue-tile level-${tileLevel}${q.waiting > 0 ? ' has-waiting' : ''}`} data-queue={q.queue} data-level={tileLevel} aria-label={q.queue}>
      <h2 className="queue-name">
        {q.queue}
        <LevelMark t={t} level={tileLevel} />
      </h2>
      <div className="queue-headline">
        <div className={`figure figure-big level-${waiting}`}>
          <span className="figure-value">{q.waiting}</span>
          <span className="figure-label">{t('queue.waiting')}</span>
        </div>
        <div className="figure figure-big">
          {q.oldestWaitingSince === null ? (
            <span className="figure-value figure-quiet">—</span>
          ) : (
            <LongestWait since={q.oldestWaitingSince} onLevel={setWaitLevel} />
          )}
          <span className="figure-label">{t('queue.longestWait')}</span>
        </div>
      </div>
      <dl className="queue-figures">
        <Figure label={t('queue.sl', { seconds: thresholdSeconds })} value={formatPercent(q.serviceLevel)} level={sl} />
        <Figure label={t('queue.asa')} value={formatSeconds(q.asaSeconds)} level={asa} />
        <Figure label={t('queue.abandonRate')} value={formatPercent(q.abandonRate)} level={abandon} />
        <Figure label={t('queue.offeredAnswered')} value={`${q.offered} / ${q.answered}`} level="normal" />
      </dl>
      {q.agents !== undefined && (
        <div className="queue-agents" title={t('queue.agents.note')}>
          {/* Seen, not read: the list's own name (below) says it in full. */}
          <p className="queue-agents-caption" aria-hidden="true">{t('queue.agents.caption')}</p>
          {q.agents.available + q.agents.onCall + q.agents.afterCallWork + q.agents.notReady === 0 ? (
            <p className="queue-agents-none">{t('queue.agents.none')}</p>
          ) : (
            <dl className="queue-agents-figures" aria-label={t('queue.agents')}>
              <Figure label={t('queue.agents.available')} value={String(q.agents.available)} level="normal" />
              <Figure label={t('queue.agents.onCall')} value={String(q.agents.onCall)} level="normal" />
              <Figure label={t('state.after_call_work')} value={String(q.agents.afterCallWork)} level="normal" />
              <Figure label={t('state.not_ready')} value={String(q.agents.notReady)} level="normal" />
            </dl>
          )}
        </div>
      )}
    </article>
  );
});

/** Its own component so only it re-renders each second, with its level. */
function LongestWait({ since, onLevel }: { since: number; onLevel(level: Level): void }) {
  const ms = useServerNow() - since;
  const level = useLevel(THRESHOLDS.longestWaitSeconds, Math.max(0, ms) / 1000);
  useEffect(() => onLevel(level), [level, onLevel]);
  return (
    <span className={`figure-value level-${level}`} data-since={since}>
      {formatElapsed(ms)}
      <LevelMark level={level} />
    </span>
  );
}

/** ▲ warning, ■ critical: the level without colour (and its word for screen readers). */
export function LevelMark({ level, t }: { level: Level; t?: T }) {
  const fallback = useT();
  const tr = t ?? fallback;
  if (level === 'normal') return null;
  return (
    <span className={`level-mark level-mark-${level}`} title={tr(`level.${level}`)}>
      <span aria-hidden="true">{level === 'critical' ? '■' : '▲'}</span>
      <span className="visually-hidden">{tr(`level.${level}`)}</span>
    </span>
  );
}

function Figure({ label, value, level }: { label: string; value: string; level: Level }) {
  return (
    <div className={`figure level-${level}`}>
      <dt className="figure-label" title={label}>{label}</dt>
      <dd className="figure-value">
        {value}
        <LevelMark level={level} />
      </dd>
    </div>
  );
}
