/**
 * A labelled input with its hint and its error tied to it (aria-describedby), so a screen
 * reader reads the rule and what went wrong when the field gets focus.
 */
import { forwardRef, type InputHTMLAttributes } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
}

export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field({ id, label, hint, error, className, ...input }, ref) {
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = error == null ? undefined : `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return (
    <div className={`field${className === undefined ? '' : ` ${className}`}`}>
      <label className="field-label" htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        className="input"
        aria-invalid={errorId === undefined ? undefined : true}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        {...input}
      />
      {hint !== undefined && <p id={hintId} className="field-hint">{hint}</p>}
      {errorId !== undefined && <p id={errorId} className="field-error">{error}</p>}
    </div>
  );
});
