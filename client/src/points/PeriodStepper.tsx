/**
 * The period a points panel shows (a quarter, a year) between ‹ and ›, which step it back
 * and forth. The period is announced when it changes, so a screen reader hears where it is.
 */
export function PeriodStepper({ period, previousLabel, nextLabel, onStep, disabled = false }: {
  period: string;
  previousLabel: string;
  nextLabel: string;
  onStep(step: -1 | 1): void;
  /** While there is no period yet to step from. */
  disabled?: boolean;
}) {
  return (
    <div className="plan-dates">
      <button type="button" className="button button-quiet" aria-label={previousLabel} onClick={() => onStep(-1)} disabled={disabled}>‹</button>
      <span className="points-quarter" aria-live="polite">{period}</span>
      <button type="button" className="button button-quiet" aria-label={nextLabel} onClick={() => onStep(1)} disabled={disabled}>›</button>
    </div>
  );
}
