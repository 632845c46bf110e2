import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import type { Role, School } from '../../../shared/api';
import { passwordProblem } from '../../../shared/password-policy';
import { InvalidInputError } from '../../app/api';
import type { FieldProblem } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import { passwordPolicyHint } from '../auth/password-hint';
import { roleDescriptions, roleLabels, roles } from './roles';
import { SubmitButton } from '../../components/SubmitButton';

export type UserFormValues = {
  email: string;
  name: string;
  role: Role;
  allSchools: boolean;
  schoolIds: string[];
  password: string;
};

const labels = {
  email: 'Email address',
  name: 'Full name',
  role: 'Role',
  allSchools: 'Schools',
  schoolIds: 'Schools',
  password: 'Initial password',
};

type UserFormProps = {
  mode: 'create' | 'edit';
  initialValues: UserFormValues;
  schools: School[];
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  cancelTo: string;
  onSubmit: (values: UserFormValues) => void;
};

export function UserForm({
  mode,
  initialValues,
  schools,
  submitLabel,
  isPending,
  error,
  cancelTo,
  onSubmit,
}: UserFormProps) {
  const id = useId();
  const [values, setValues] = useState(initialValues);
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const shownError = clientError ?? error;
  const errors = fieldErrorsFrom(shownError, labels);
  const scopeError = errors.allSchools ?? errors.schoolIds;
  const isCreate = mode === 'create';

  const toggleSchool = (schoolId: string, isChecked: boolean) =>
    setValues((current) => ({
      ...current,
      schoolIds: isChecked
        ? [...current.schoolIds, schoolId]
        : current.schoolIds.filter((chosen) => chosen !== schoolId),
    }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const cleaned = { ...values, email: values.email.trim(), name: values.name.trim() };
    const problems: FieldProblem[] = [];
    if (isCreate && !cleaned.email) {
      problems.push({ path: 'email', message: 'Enter their email address.' });
    }
    if (!cleaned.name) problems.push({ path: 'name', message: 'Enter their full name.' });
    if (!cleaned.allSchools && cleaned.schoolIds.length === 0) {
      problems.push({ path: 'schoolIds', message: 'Choose at least one school, or all schools.' });
    }
    if (isCreate) {
      const weakness = passwordProblem(cleaned.password, cleaned.email);
      if (weakness) problems.push({ path: 'password', message: weakness });
    }
    if (problems.length > 0) {
      setClientError(new InvalidInputError(problems));
      return;
    }
    setClientError(null);
    onSubmit(cleaned);
  };

  return (
    <>
      <FormAlert error={shownError} labels={labels} />
      <form onSubmit={handleSubmit} noValidate className="form">
        {isCreate && (
          <TextField
            label={labels.email}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            className="field--medium"
            value={values.email}
            onChange={(event) => setValues({ ...values, email: event.target.value })}
            error={errors.email}
          />
        )}
        <TextField
          label={labels.name}
          name="name"
          autoComplete="off"
          className="field--medium"
          value={values.name}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
          error={errors.name}
        />

        <fieldset
          className={errors.role ? 'fieldset field--invalid' : 'fieldset'}
          aria-describedby={errors.role ? `${id}-role-error` : undefined}
        >
          <legend className="fieldset__legend">{labels.role}</legend>
          {errors.role && (
            <p id={`${id}-role-error`} className="field__error">
              {errors.role}
            </p>
          )}
          <div className="choices">
            {roles.map((role) => (
              <div className="choice" key={role}>
                <input
                  type="radio"
                  id={`${id}-role-${role}`}
                  name="role"
                  value={role}
                  checked={values.role === role}
                  onChange={() => setValues({ ...values, role })}
                  aria-describedby={`${id}-role-${role}-hint`}
                />
                <label htmlFor={`${id}-role-${role}`} className="choice__label">
                  {roleLabels[role]}
                </label>
                <p id={`${id}-role-${role}-hint`} className="choice__hint">
                  {roleDescriptions[role]}
                </p>
              </div>
            ))}
          </div>
        </fieldset>

        <fieldset
          className={scopeError ? 'fieldset field--invalid' : 'fieldset'}
          aria-describedby={scopeError ? `${id}-scope-error` : undefined}
        >
          <legend className="fieldset__legend">Schools they can see</legend>
          {scopeError && (
            <p id={`${id}-scope-error`} className="field__error">
              {scopeError}
            </p>
          )}
          <div className="choices">
            <div className="choice">
              <input
                type="radio"
                id={`${id}-scope-all`}
                name="scope"
                checked={values.allSchools}
                onChange={() => setValues({ ...values, allSchools: true })}
              />
              <label htmlFor={`${id}-scope-all`} className="choice__label">
                All schools, including any added later
              </label>
            </div>
            <div className="choice">
              <input
                type="radio"
                id={`${id}-scope-some`}
                name="scope"
                checked={!values.allSchools}
                onChange={() => setValues({ ...values, allSchools: false })}
              />
              <label htmlFor={`${id}-scope-some`} className="choice__label">
                Only the schools I choose
              </label>
            </div>
          </div>
          {!values.allSchools && (
            <fieldset className="fieldset fieldset--nested">
              <legend className="visually-hidden">Choose schools</legend>
              {schools.length === 0 ? (
                <p className="muted">There are no schools to choose from yet.</p>
              ) : (
                <div className="choices choices--columns">
                  {schools.map((school) => (
                    <div className="choice" key={school.id}>
                      <input
                        type="checkbox"
                        id={`${id}-school-${school.id}`}
                        name="schoolIds"
                        value={school.id}
                        checked={values.schoolIds.includes(school.id)}
                        onChange={(event) => toggleSchool(school.id, event.target.checked)}
                      />
                      <label htmlFor={`${id}-school-${school.id}`} className="choice__label">
                        {school.name}
                      </label>
                    </div>
                  ))}
                </div>
              )}
            </fieldset>
          )}
        </fieldset>

        {isCreate && (
          <PasswordField
            label={labels.password}
            name="password"
            autoComplete="new-password"
            hint={`${passwordPolicyHint} Give it to them in person or by phone, and ask them to change it after signing in.`}
            value={values.password}
            onChange={(event) => setValues({ ...values, password: event.target.value })}
            error={errors.password}
          />
        )}

        <div className="form__actions">
          <SubmitButton pending={isPending}>{submitLabel}</SubmitButton>
          <Link to={cancelTo} className="button button--secondary">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
