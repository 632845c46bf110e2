import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { TextField } from '../../components/TextField';
import { SubmitButton } from '../../components/SubmitButton';

export type SchoolFormValues = { name: string; urn: string };

const labels = { name: 'School name', urn: 'URN' };

type SchoolFormProps = {
  initialValues: SchoolFormValues;
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  /** Where Cancel leads; no Cancel when the form is one section of a page. */
  cancelTo?: string;
  onSubmit: (values: SchoolFormValues) => void;
};

/** A school's name and URN. Its Wonde school is set by connecting it, on the school's page. */
export function SchoolForm({
  initialValues,
  submitLabel,
  isPending,
  error,
  cancelTo,
  onSubmit,
}: SchoolFormProps) {
  const [values, setValues] = useState(initialValues);
  const errors = fieldErrorsFrom(error, labels);

  const set = (field: keyof SchoolFormValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({ name: values.name.trim(), urn: values.urn.trim() });
  };

  return (
    <>
      <FormAlert error={error} labels={labels} />
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <TextField
          label={labels.name}
          name="name"
          autoComplete="off"
          value={values.name}
          onChange={set('name')}
          error={errors.name}
        />
        <TextField
          label={labels.urn}
          name="urn"
          hint="The six-digit unique reference number from Get Information about Schools."
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          className="field--short"
          value={values.urn}
          onChange={set('urn')}
          error={errors.urn}
        />
        <div className="form__actions">
          <SubmitButton pending={isPending}>{submitLabel}</SubmitButton>
          {cancelTo && (
            <Link to={cancelTo} className="button button--secondary">
              Cancel
            </Link>
          )}
        </div>
      </form>
    </>
  );
}
