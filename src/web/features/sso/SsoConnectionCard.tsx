import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { SsoConnection, SsoProvider } from '../../../shared/sso-api';
import { InvalidInputError, toUserMessage } from '../../app/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { roleLabels, roles } from '../users/roles';
import { connectionInputFrom, formValuesOf } from './connection-form';
import type { ConnectionFormValues } from './connection-form';
import { providerLabels } from './describe';
import { ProviderMark } from './ProviderMark';
import { useRemoveSsoConnectionMutation, useSaveSsoConnectionMutation } from './queries';
import { SubmitButton } from '../../components/SubmitButton';

const labels = {
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  tenantId: 'Tenant ID',
  allowedDomains: 'Allowed email domains',
  jitEnabled: 'Create accounts on first sign-in',
  jitRole: 'Role for new accounts',
  enabled: 'Turned on',
};

const titles: Record<SsoProvider, string> = {
  microsoft: 'Microsoft sign-in',
  google: 'Google sign-in',
};

const instructions: Record<SsoProvider, string> = {
  microsoft:
    'In the Microsoft Entra admin centre, register an application (App registrations → New registration), add the redirect URI above as a Web redirect URI, and create a client secret under Certificates & secrets.',
  google:
    'In the Google Cloud console, create an OAuth client ID of type Web application, add the redirect URI above as an authorised redirect URI, and copy its client ID and secret.',
};

const hints = {
  microsoft: {
    clientId: 'The Application (client) ID on the app registration’s Overview page.',
    secretNew: 'The secret’s Value (not its Secret ID), shown once when you create it.',
    tenantId: 'The Directory (tenant) ID. Only accounts in this tenant can sign in.',
    allowedDomains:
      'One per line, or separated by commas, such as school.org.uk. Once each is proved under Email domains, the Microsoft button is offered to people with these addresses, and only they can sign in with it.',
  },
  google: {
    clientId: 'Ends in .apps.googleusercontent.com.',
    secretNew: 'The client secret shown with the client ID.',
    tenantId: '',
    allowedDomains:
      'Your Google Workspace domains, one per line or separated by commas, such as school.org.uk. Once each is proved under Email domains, the Google button is offered to people with these addresses, and only they can sign in with it.',
  },
} satisfies Record<SsoProvider, Record<string, string>>;

type SsoConnectionCardProps = { provider: SsoProvider; connection: SsoConnection | undefined };

/** Setting up, changing or removing one provider's sign-in. */
export function SsoConnectionCard({ provider, connection }: SsoConnectionCardProps) {
  const headingId = useId();
  const name = providerLabels[provider];
  const [isSettingUp, setIsSettingUp] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const setUpRef = useRef<HTMLButtonElement>(null);
  const [isFocusPending, setIsFocusPending] = useState(false);

  // After removing, the form (and the focused dialog) are gone: carry on from "Set up".
  useEffect(() => {
    if (!isFocusPending || !setUpRef.current) return;
    setUpRef.current.focus();
    setIsFocusPending(false);
  }, [isFocusPending, connection]);

  const status = connection ? (connection.enabled ? 'On' : 'Off') : 'Not set up';
  const badgeClass = connection?.enabled ? 'badge badge--success' : 'badge badge--muted';

  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="sso-card__header">
        <h3 id={headingId} className="card__title sso-card__title">
          <ProviderMark provider={provider} />
          {titles[provider]}
        </h3>
        <span className={badgeClass}>{status}</span>
      </div>
      <StatusMessage message={notice} />
      {connection || isSettingUp ? (
        <ConnectionForm
          // A fresh form after removing and setting up again.
          key={connection?.id ?? 'new'}
          provider={provider}
          connection={connection}
          onSaved={() => {
            setIsSettingUp(false);
            setNotice(`${name} sign-in has been saved.`);
          }}
          onRemoved={() => {
            setNotice(`${name} sign-in has been removed.`);
            setIsFocusPending(true);
          }}
          onCancel={() => setIsSettingUp(false)}
          onChange={() => setNotice(null)}
        />
      ) : (
        <>
          <p className="muted">Let people sign in with their {name} school account.</p>
          <button
            ref={setUpRef}
            type="button"
            className="button button--secondary"
            onClick={() => {
              setNotice(null);
              setIsSettingUp(true);
            }}
          >
            Set up {name} sign-in
          </button>
        </>
      )}
    </section>
  );
}

type ConnectionFormProps = {
  provider: SsoProvider;
  connection: SsoConnection | undefined;
  onSaved: () => void;
  onRemoved: () => void;
  onCancel: () => void;
  onChange: () => void;
};

function ConnectionForm({
  provider,
  connection,
  onSaved,
  onRemoved,
  onCancel,
  onChange,
}: ConnectionFormProps) {
  const name = providerLabels[provider];
  const save = useSaveSsoConnectionMutation(provider);
  const remove = useRemoveSsoConnectionMutation(provider);
  const [values, setValues] = useState(() => formValuesOf(connection));
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const [isConfirmingRemove, setIsConfirmingRemove] = useState(false);
  const error = clientError ?? save.error;
  const errors = fieldErrorsFrom(error, labels);
  const hasStoredSecret = connection?.hasClientSecret ?? false;
  const text = hints[provider];

  const set = <K extends keyof ConnectionFormValues>(field: K, value: ConnectionFormValues[K]) => {
    onChange();
    setValues((current) => ({ ...current, [field]: value }));
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { input, problems } = connectionInputFrom(provider, values, hasStoredSecret);
    if (problems.length > 0) {
      save.reset();
      setClientError(new InvalidInputError(problems));
      return;
    }
    setClientError(null);
    save.mutate(input, {
      onSuccess: (settings) => {
        const saved = settings.connections.find((c) => c.provider === provider);
        setValues(formValuesOf(saved));
        onSaved();
      },
    });
  };

  const handleRemove = () => {
    remove.mutate(undefined, {
      onSuccess: () => {
        setIsConfirmingRemove(false);
        onRemoved();
      },
    });
  };

  return (
    <>
      <p className="muted">{instructions[provider]}</p>
      <FormAlert error={error} labels={labels} />
      <form onSubmit={handleSubmit} noValidate className="form form--narrow">
        <TextField
          label={labels.clientId}
          name="clientId"
          hint={text.clientId}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          value={values.clientId}
          onChange={(event) => set('clientId', event.target.value)}
          error={errors.clientId}
        />
        <PasswordField
          label={labels.clientSecret}
          name="clientSecret"
          hint={
            hasStoredSecret ? 'A secret is stored — enter a new one to replace it.' : text.secretNew
          }
          autoComplete="off"
          value={values.clientSecret}
          onChange={(event) => set('clientSecret', event.target.value)}
          error={errors.clientSecret}
        />
        {provider === 'microsoft' && (
          <TextField
            label={labels.tenantId}
            name="tenantId"
            hint={text.tenantId}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            value={values.tenantId}
            onChange={(event) => set('tenantId', event.target.value)}
            error={errors.tenantId}
          />
        )}
        <TextAreaField
          label={labels.allowedDomains}
          name="allowedDomains"
          hint={text.allowedDomains}
          rows={3}
          spellCheck={false}
          autoCapitalize="off"
          value={values.allowedDomains}
          onChange={(event) => set('allowedDomains', event.target.value)}
          error={errors.allowedDomains}
        />
        <CheckboxField
          label={labels.jitEnabled}
          name="jitEnabled"
          hint={`Someone who signs in with ${name} and has no Plaster account yet gets one. Without this, an administrator adds each person on the Users page first.`}
          checked={values.jitEnabled}
          onChange={(event) => set('jitEnabled', event.target.checked)}
        />
        {values.jitEnabled && (
          <div className="nested-fields">
            <SelectField
              label={labels.jitRole}
              name="jitRole"
              hint="New accounts can see every school. Change their role and schools on the Users page."
              className="field--medium"
              value={values.jitRole}
              onChange={(event) => {
                const role = roles.find((r) => r === event.target.value);
                if (role) set('jitRole', role);
              }}
              error={errors.jitRole}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </SelectField>
          </div>
        )}
        <CheckboxField
          label={`Offer ${name} sign-in`}
          name="enabled"
          hint={`Untick to stop ${name} sign-in for now and keep these settings.`}
          checked={values.enabled}
          onChange={(event) => set('enabled', event.target.checked)}
        />
        <div className="form__actions">
          <SubmitButton pending={save.isPending}>{`Save ${name} sign-in`}</SubmitButton>
          {connection ? (
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                remove.reset();
                setIsConfirmingRemove(true);
              }}
            >
              Remove {name} sign-in
            </button>
          ) : (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <ConfirmDialog
        isOpen={isConfirmingRemove}
        title={`Remove ${name} sign-in?`}
        confirmLabel="Remove"
        isDestructive
        isPending={remove.isPending}
        error={remove.error ? toUserMessage(remove.error) : null}
        onConfirm={handleRemove}
        onCancel={() => setIsConfirmingRemove(false)}
      >
        <p>
          The {name} button leaves the sign-in page and the stored client ID and secret are deleted.
        </p>
        <p>
          People who signed in with {name} will need a password from an administrator to sign in.
        </p>
      </ConfirmDialog>
    </>
  );
}
