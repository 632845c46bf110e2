import { useEffect, useRef } from 'react';
import { ApiError, InvalidInputError, toUserMessage } from '../app/api';
import { problemListFrom } from '../app/field-errors';

type FormAlertProps = {
  error: unknown;
  /** Field name → label, to word each problem. */
  labels?: Record<string, string>;
};

/** The error summary at the top of a form: announced and focused each time a submit fails. */
export function FormAlert({ error, labels = {} }: FormAlertProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);

  if (!error) return null;
  // A refused form lists each problem in words; any other failure is the server's sentence.
  const isInvalidInput =
    error instanceof InvalidInputError || (error instanceof ApiError && error.status === 400);
  const problems = isInvalidInput ? problemListFrom(error, labels) : [];
  const title = problems.length > 0 ? 'Some answers need correcting.' : toUserMessage(error);
  return (
    <div ref={ref} role="alert" className="alert alert--error" tabIndex={-1}>
      <p className="alert__title">{title}</p>
      {problems.length > 0 && (
        <ul className="alert__list">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
