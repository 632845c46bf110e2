import { useId } from 'react';
import type { ReactNode } from 'react';

export type RadioOption<V extends string> = { value: V; label: string; hint?: string | undefined };

type RadioGroupProps<V extends string> = {
  legend: ReactNode;
  name: string;
  options: readonly RadioOption<V>[];
  value: V | '';
  onChange: (value: V) => void;
  hint?: string | undefined;
  error?: string | undefined;
  /** cards: large tappable choices in a grid; inline: short choices on one line. */
  layout?: 'list' | 'inline' | 'cards';
  className?: string | undefined;
};

/** A fieldset of radio buttons with its legend, hint and error. */
export function RadioGroup<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  hint,
  error,
  layout = 'list',
  className,
}: RadioGroupProps<V>) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const choicesClass = {
    list: 'choices',
    inline: 'choices choices--inline',
    cards: 'choice-cards',
  }[layout];
  return (
    <fieldset
      className={['fieldset', error ? 'field--invalid' : '', className ?? ''].join(' ').trim()}
      aria-describedby={describedBy}
    >
      <legend className="fieldset__legend">{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint fieldset__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error fieldset__hint">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className={choicesClass}>
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const optionHintId = option.hint ? `${optionId}-hint` : undefined;
          if (layout === 'cards') {
            // The whole card is the label; the input is named by the title alone.
            return (
              <label key={option.value} htmlFor={optionId} className="choice-card">
                <input
                  type="radio"
                  id={optionId}
                  name={name}
                  value={option.value}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                  aria-labelledby={`${optionId}-label`}
                  aria-describedby={optionHintId}
                />
                <span id={`${optionId}-label`} className="choice-card__label">
                  {option.label}
                </span>
                {option.hint && (
                  <span id={optionHintId} className="choice-card__hint">
                    {option.hint}
                  </span>
                )}
              </label>
            );
          }
          return (
            <div className="choice" key={option.value}>
              <input
                type="radio"
                id={optionId}
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={optionHintId}
              />
              <label htmlFor={optionId} className="choice__label">
                {option.label}
              </label>
              {option.hint && (
                <p id={optionHintId} className="choice__hint">
                  {option.hint}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
