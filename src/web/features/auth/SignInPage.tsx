import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { fieldErrorsFrom } from '../../app/field-errors';
import { FormAlert } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import { useLoginMutation, useMeQuery } from './session';

const labels = { email: 'Email address', password: 'Password' };

/** Only paths inside the app, never another site. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || /^\/[/\\]/.test(next) || next.startsWith('/sign-in')) {
    return '/';
  }
  return next;
}

export function SignInPage() {
  const me = useMeQuery();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const login = useLoginMutation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (me.data) return <Navigate to={next} replace />;

  const errors = fieldErrorsFrom(login.error, labels);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onError: () => setPassword('') });
  };

  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <p className="auth-card__brand">
          <span className="brand__mark" aria-hidden="true" />
          Plaster
        </p>
        <h1 className="auth-card__title">Sign in</h1>
        <p className="auth-card__intro">
          Use the email address and password your school or trust gave you.
        </p>
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
            autoFocus
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.email}
          />
          <PasswordField
            label={labels.password}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
          />
          <button type="submit" className="button button--block" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="auth-card__help">
          Forgotten your password? Ask an administrator at your school or trust to reset it.
        </p>
      </main>
    </div>
  );
}
