import { useId } from 'react';
import type { ReactNode, Ref } from 'react';
import { TextField } from '../../components/TextField';

type NamedPersonFieldsProps<T extends string> = {
  label: string;
  /** What kind of entry this is, under the legend. */
  hint: string;
  error?: string | undefined;
  errorId: string;
  types: readonly T[];
  typeLabels: Record<T, string>;
  personType: T;
  onTypeChange: (type: T) => void;
  name: string;
  onNameChange: (name: string) => void;
  /** The chosen type's radio, to put the focus on when this appears. */
  chosenTypeRef: Ref<HTMLInputElement>;
  onSearchInstead: () => void;
  /** Fields after the name (a visitor's phone or email). */
  children?: ReactNode;
};

/**
 * A person the directory search did not give: someone not in the school's records (a visitor, a
 * contractor…), or a pupil or member of staff named while offline, to match later.
 */
export function NamedPersonFields<T extends string>({
  label,
  hint,
  error,
  errorId,
  types,
  typeLabels,
  personType,
  onTypeChange,
  name,
  onNameChange,
  chosenTypeRef,
  onSearchInstead,
  children,
}: NamedPersonFieldsProps<T>) {
  const id = useId();
  const nameIsMissing = Boolean(error) && !name.trim();
  return (
    <fieldset
      className={error ? 'fieldset person-field field--invalid' : 'fieldset person-field'}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="fieldset__legend">{label}</legend>
      <p className="field__hint">{hint}</p>
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className="person-manual">
        <fieldset className="fieldset">
          <legend className="field__label">Who are they?</legend>
          <div className="choices choices--inline">
            {types.map((type) => (
              <div className="choice" key={type}>
                <input
                  ref={personType === type ? chosenTypeRef : undefined}
                  type="radio"
                  id={`${id}-type-${type}`}
                  name={`${id}-type`}
                  value={type}
                  checked={personType === type}
                  onChange={() => onTypeChange(type)}
                />
                <label htmlFor={`${id}-type-${type}`} className="choice__label">
                  {typeLabels[type]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField
          label="Full name"
          autoComplete="off"
          className="field--medium"
          aria-required="true"
          value={name}
          onChange={(event) => onNameChange(event.target.value)}
          error={nameIsMissing ? 'Enter their full name.' : undefined}
        />
        {children}
        <div>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onSearchInstead}
          >
            Search pupils and staff instead
          </button>
        </div>
      </div>
    </fieldset>
  );
}
