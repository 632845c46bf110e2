import { useState } from 'react';
import type { FormEvent } from 'react';
import { passwordProblem } from '../../../shared/password-policy';
import { InvalidInputError } from '../../app/api';
import type { FieldProblem } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { PasswordField } from '../../components/PasswordField';
import { StatusMessage } from '../../components/StatusMessage';
import { roleLabels } from '../users/roles';
import { passwordPolicyHint } from './password-hint';
import { useChangePasswordMutation, useSession } from './session';
import { SubmitButton } from '../../components/SubmitButton';

const labels = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'New password again',
};

export function AccountPage() {
  const { user, schools } = useSession();
  const changePassword = useChangePasswordMutation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const error = clientError ?? changePassword.error;
  const errors = fieldErrorsFrom(error, labels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    const problems: FieldProblem[] = [];
    if (!currentPassword) {
      problems.push({ path: 'currentPassword', message: 'Enter your current password.' });
    }
    const weakness = passwordProblem(newPassword, user.email);
    if (weakness) problems.push({ path: 'newPassword', message: weakness });
    else if (newPassword !== confirmPassword) {
      problems.push({ path: 'confirmPassword', message: 'The new passwords do not match.' });
    }
    if (problems.length > 0) {
      changePassword.reset();
      setClientError(new InvalidInputError(problems));
      return;
    }
    setClientError(null);
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
          setConfirmPassword('');
          setNotice('Your password has been changed.');
        },
      },
    );
  };

  const scope = user.allSchools
    ? 'All schools'
    : schools.map((school) => school.name).join(', ') || 'No schools yet';

  return (
    <>
      <PageHeader title="Your account" />
      <section className="card" aria-labelledby="account-details">
        <h2 id="account-details" className="card__title">
          Your details
        </h2>
        <dl className="summary-list">
          <div>
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>Email address</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{roleLabels[user.role]}</dd>
          </div>
          <div>
            <dt>Schools</dt>
            <dd>{scope}</dd>
          </div>
        </dl>
        <p className="muted">An administrator can change your name, role and schools.</p>
      </section>

      <section className="card" aria-labelledby="change-password">
        <h2 id="change-password" className="card__title">
          Change your password
        </h2>
        <StatusMessage message={notice} />
        <FormAlert error={error} labels={labels} />
        <form onSubmit={handleSubmit} noValidate className="form form--narrow">
          <PasswordField
            label={labels.currentPassword}
            name="currentPassword"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
            error={errors.currentPassword}
          />
          <PasswordField
            label={labels.newPassword}
            name="newPassword"
            autoComplete="new-password"
            hint={passwordPolicyHint}
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
            error={errors.newPassword}
          />
          <PasswordField
            label={labels.confirmPassword}
            name="confirmPassword"
            autoComplete="new-password"
            value={confirmPassword}
            onChange={(event) => setConfirmPassword(event.target.value)}
            error={errors.confirmPassword}
          />
          <div className="form__actions">
            <SubmitButton pending={changePassword.isPending} pendingLabel="Changing password…">
              Change password
            </SubmitButton>
          </div>
        </form>
      </section>
    </>
  );
}
