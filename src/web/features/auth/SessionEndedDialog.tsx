import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useLocation } from 'react-router';
import type { Me } from '../../../shared/api';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { SsoButtons } from '../sso/SsoButtons';
import { useSsoDiscovery } from '../sso/use-sso-discovery';
import { useSignInAgainMutation } from './session';

const labels = { email: 'Email address', password: 'Password' };

type SessionEndedDialogProps = { user: Me['user'] };

/**
 * Over the page when the session has ended (timed out, or ended elsewhere): signing in again here
 * keeps everything on the page, so a half-filled form is sent once they are back. Someone else
 * signing in starts the app afresh, so they never see or send the first person's work.
 */
export function SessionEndedDialog({ user }: SessionEndedDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const login = useSignInAgainMutation(user.id);
  const location = useLocation();
  const [email, setEmail] = useState(user.email);
  const [password, setPassword] = useState('');
  const { discovery, lookUpNow } = useSsoDiscovery(email);
  const errors = fieldErrorsFrom(login.error, labels);
  const providers = discovery?.providers ?? [];
  const isPasswordDisabled = discovery?.passwordDisabled ?? false;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    // The address is filled in already: the password is what they type.
    dialog.querySelector<HTMLInputElement>('input[type="password"]')?.focus();
  }, []);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onError: () => setPassword('') });
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="session-ended-title"
      aria-describedby="session-ended-body"
      // The page behind stays as it is until someone signs in.
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id="session-ended-title" className="dialog__title">
        Sign in again to carry on
      </h2>
      <p id="session-ended-body" className="dialog__body">
        Your session has ended. Nothing on this page is lost: sign in and carry on where you were.
      </p>
      <FormAlert error={login.error} labels={labels} />
      <form onSubmit={handleSubmit} noValidate className="form">
        <div className="field">
          <label className="field__label" htmlFor="session-ended-email">
            {labels.email}
          </label>
          <input
            id="session-ended-email"
            className="input"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            onBlur={lookUpNow}
            aria-invalid={errors.email ? true : undefined}
          />
        </div>
        {providers.length > 0 && (
          // Single sign-on leaves the page; the form's draft on the device brings it back.
          <SsoButtons providers={providers} next={location.pathname + location.search} />
        )}
        {!isPasswordDisabled && (
          <>
            <PasswordField
              label={labels.password}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={errors.password}
            />
            <button type="submit" className="button" disabled={login.isPending}>
              {login.isPending ? 'Signing in…' : 'Sign in'}
            </button>
          </>
        )}
      </form>
    </dialog>
  );
}
