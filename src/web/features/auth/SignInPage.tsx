import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { safeNextPath } from '../../../shared/next-path';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import { ssoErrorMessage } from '../sso/describe';
import { SsoButtons } from '../sso/SsoButtons';
import { useSsoDiscovery } from '../sso/use-sso-discovery';
import { useLoginMutation, useMeQuery } from './session';

const labels = { email: 'Email address', password: 'Password' };

/** Only paths inside the app (the server's rule), never another site nor this page again. */
function safeNext(next: string | null): string {
  const path = safeNextPath(next);
  return !path || path.startsWith('/sign-in') ? '/' : path;
}

export function SignInPage() {
  const me = useMeQuery();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const ssoError = ssoErrorMessage(params.get('sso_error'));
  const login = useLoginMutation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [isPasswordOpen, setIsPasswordOpen] = useState(false);
  const { discovery, lookUpNow } = useSsoDiscovery(email);
  const passwordId = useId();

  if (me.data) return <Navigate to={next} replace />;

  const errors = fieldErrorsFrom(login.error, labels);
  const providers = discovery?.providers ?? [];
  const isPasswordDisabled = discovery?.passwordDisabled ?? false;
  const isPasswordShown = !isPasswordDisabled || isPasswordOpen;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isPasswordShown) {
      lookUpNow();
      return;
    }
    login.mutate({ email: email.trim(), password }, { onError: () => setPassword('') });
  };

  const passwordFields = (
    <>
      <PasswordField
        label={labels.password}
        name="password"
        autoComplete="current-password"
        required
        autoFocus={isPasswordDisabled}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={errors.password}
      />
      <button type="submit" className="button button--block" disabled={login.isPending}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </>
  );

  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <p className="auth-card__brand">
          <span className="brand__mark" aria-hidden="true" />
          Plaster
        </p>
        <h1 className="auth-card__title">Sign in</h1>
        <p className="auth-card__intro">
          {isPasswordDisabled
            ? 'Your organisation signs in with its Microsoft or Google accounts.'
            : 'Use the email address and password your school or trust gave you.'}
        </p>
        {ssoError && !login.error && <SsoErrorAlert message={ssoError} />}
        <FormAlert error={login.error} labels={labels} />
        <form onSubmit={handleSubmit} noValidate className="form">
          <TextField
            label={labels.email}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="off"
            autoFocus={!ssoError}
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            onBlur={lookUpNow}
            error={errors.email}
          />
          <div className="sso-options" aria-live="polite">
            {providers.length > 0 && (
              <>
                <SsoButtons providers={providers} next={next} />
                {!isPasswordDisabled && <p className="sso-options__or">or use your password</p>}
              </>
            )}
          </div>
          {isPasswordDisabled ? (
            <div className="break-glass">
              <button
                type="button"
                className="button button--secondary button--block"
                aria-expanded={isPasswordOpen}
                aria-controls={passwordId}
                onClick={() => setIsPasswordOpen((open) => !open)}
              >
                Sign in with a password (break-glass admin)
              </button>
              <div id={passwordId} className="form" hidden={!isPasswordOpen}>
                {isPasswordOpen && passwordFields}
              </div>
            </div>
          ) : (
            passwordFields
          )}
        </form>
        <p className="auth-card__help">
          {isPasswordDisabled
            ? 'Cannot sign in? Ask an administrator at your school or trust.'
            : 'Forgotten your password? Ask an administrator at your school or trust to reset it.'}
        </p>
      </main>
    </div>
  );
}

/** Why single sign-on sent the person back here; focused on arrival so it is read out first. */
function SsoErrorAlert({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} role="alert" className="alert alert--error" tabIndex={-1}>
      <p className="alert__title">{message}</p>
    </div>
  );
}
