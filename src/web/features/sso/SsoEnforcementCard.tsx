import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { SsoSettings } from '../../../shared/sso-api';
import { InvalidInputError } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { CheckboxField } from '../../components/CheckboxField';
import { FormAlert } from '../../components/FormAlert';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { useSession } from '../auth/session';
import { useUsersQuery } from '../users/queries';
import { useUpdateSsoSettingsMutation } from './queries';
import { SubmitButton } from '../../components/SubmitButton';

const labels = {
  enforced: 'Require single sign-on for everyone',
  breakGlassUserId: 'Break-glass administrator',
};

/** Password sign-in off for everyone but one administrator, kept for emergencies. */
export function SsoEnforcementCard({ settings }: { settings: SsoSettings }) {
  const headingId = useId();
  const { user: me } = useSession();
  const users = useUsersQuery();
  const update = useUpdateSsoSettingsMutation();
  const [enforced, setEnforced] = useState(settings.enforced);
  const [breakGlassUserId, setBreakGlassUserId] = useState(settings.breakGlassUserId ?? '');
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = clientError ?? update.error;
  const errors = fieldErrorsFrom(error, labels);

  const admins = (users.data ?? []).filter((user) => user.role === 'admin' && user.active);
  const hasConnection = settings.connections.some((connection) => connection.enabled);
  const isStoredAdminGone =
    settings.breakGlassUserId !== null &&
    users.data !== undefined &&
    !admins.some((admin) => admin.id === settings.breakGlassUserId);
  const chosen = admins.find((admin) => admin.id === breakGlassUserId);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    if (enforced && !chosen) {
      update.reset();
      setClientError(
        new InvalidInputError([
          {
            path: 'breakGlassUserId',
            message: 'Choose the administrator who keeps password sign-in.',
          },
        ]),
      );
      return;
    }
    setClientError(null);
    update.mutate(
      { enforced, breakGlassUserId: breakGlassUserId || null },
      {
        onSuccess: (saved) =>
          setNotice(
            saved.enforced
              ? 'Single sign-on is now required. Only the break-glass administrator can use a password.'
              : 'Single sign-on is not required: everyone can also sign in with a password.',
          ),
      },
    );
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__title">
        Require single sign-on
      </h3>
      <p className="muted">
        When single sign-on is required, everyone signs in with Microsoft or Google and the password
        form is hidden. One administrator, the break-glass administrator, keeps password sign-in for
        emergencies: if Microsoft or Google is down, or sign-in has been set up wrongly, they can
        still get in and put it right. Keep their password somewhere safe.
      </p>
      {!hasConnection && (
        <p className="muted">Set up and turn on Microsoft or Google sign-in above first.</p>
      )}
      <p className="muted">
        Single sign-on can be required once one of the domains it allows is verified under Email
        domains.
      </p>
      <StatusMessage message={notice} />
      <FormAlert error={error} labels={labels} />
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <CheckboxField
          label={labels.enforced}
          name="enforced"
          checked={enforced}
          onChange={(event) => {
            setNotice(null);
            setEnforced(event.target.checked);
          }}
        />
        <SelectField
          label={labels.breakGlassUserId}
          name="breakGlassUserId"
          hint="An active administrator who can still sign in with a password."
          value={breakGlassUserId}
          onChange={(event) => {
            setNotice(null);
            setBreakGlassUserId(event.target.value);
          }}
          error={
            errors.breakGlassUserId ??
            (isStoredAdminGone
              ? 'The break-glass administrator is no longer an active administrator: choose another.'
              : undefined)
          }
        >
          <option value="">{users.isPending ? 'Loading administrators…' : 'Choose…'}</option>
          {admins.map((admin) => (
            <option key={admin.id} value={admin.id}>
              {admin.name} ({admin.email})
            </option>
          ))}
        </SelectField>
        {enforced && chosen && chosen.id !== me.id && (
          <p className="muted">
            You are not the break-glass administrator: next time, you will sign in with Microsoft or
            Google.
          </p>
        )}
        <div className="form__actions">
          <SubmitButton pending={update.isPending}>Save sign-in rules</SubmitButton>
        </div>
      </form>
    </section>
  );
}
