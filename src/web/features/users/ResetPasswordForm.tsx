import { useState } from 'react';
import type { FormEvent } from 'react';
import type { User } from '../../../shared/api';
import { passwordProblem } from '../../../shared/password-policy';
import { InvalidInputError } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { StatusMessage } from '../../components/StatusMessage';
import { passwordPolicyHint } from '../auth/password-hint';
import { useUpdateUserMutation } from './queries';

const labels = { password: 'New password' };

type ResetPasswordFormProps = { user: User };

export function ResetPasswordForm({ user }: ResetPasswordFormProps) {
  const updateUser = useUpdateUserMutation(user.id);
  const [password, setPassword] = useState('');
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = clientError ?? updateUser.error;
  const errors = fieldErrorsFrom(error, labels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    const weakness = passwordProblem(password, user.email);
    if (weakness) {
      updateUser.reset();
      setClientError(new InvalidInputError([{ path: 'password', message: weakness }]));
      return;
    }
    setClientError(null);
    updateUser.mutate(
      { password },
      {
        onSuccess: () => {
          setPassword('');
          setNotice(
            `${user.name}’s password has been reset and they have been signed out everywhere.`,
          );
        },
      },
    );
  };

  return (
    <section className="card" aria-labelledby="reset-password">
      <h2 id="reset-password" className="card__title">
        Reset password
      </h2>
      <p className="muted">
        Sets a new password and signs them out everywhere. Give them the new password in person or
        by phone.
      </p>
      <StatusMessage message={notice} />
      <FormAlert error={error} labels={labels} />
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <PasswordField
          label={labels.password}
          name="newPassword"
          autoComplete="new-password"
          hint={passwordPolicyHint}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <div className="form__actions">
          <button
            type="submit"
            className="button button--secondary"
            disabled={updateUser.isPending}
          >
            {updateUser.isPending ? 'Resetting…' : 'Reset password'}
          </button>
        </div>
      </form>
    </section>
  );
}
