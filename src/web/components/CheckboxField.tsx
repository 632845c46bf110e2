import { useId } from 'react';
import type { InputHTMLAttributes } from 'react';

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> & {
  label: string;
  hint?: string | undefined;
};

/** One checkbox with its label and an optional hint beneath. */
export function CheckboxField({ label, hint, className, ...inputProps }: CheckboxFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={['choice', className ?? ''].join(' ').trim()}>
      <input id={id} type="checkbox" aria-describedby={hintId} {...inputProps} />
      <label htmlFor={id} className="choice__label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="choice__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
