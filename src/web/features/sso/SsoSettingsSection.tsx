import { useId } from 'react';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import { ssoProviders } from './describe';
import { SsoConnectionCard } from './SsoConnectionCard';
import { SsoDomainsCard } from './SsoDomainsCard';
import { SsoEnforcementCard } from './SsoEnforcementCard';
import { useSsoSettingsQuery } from './queries';
import { CopyableValue } from '../../components/CopyableValue';

/** Single sign-on with Microsoft and Google, for the Organisation page (admins). */
export function SsoSettingsSection() {
  const headingId = useId();
  const settings = useSsoSettingsQuery();

  return (
    <section className="sso-settings" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-heading">
        Single sign-on
      </h2>
      <p className="muted">
        Let people sign in with their school’s Microsoft or Google accounts instead of a Plaster
        password.
      </p>
      {settings.isPending && <Loading label="Loading single sign-on settings…" />}
      {settings.isError && (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {settings.data && (
        <>
          <RedirectUri uri={settings.data.redirectUri} />
          {ssoProviders.map((provider) => (
            <SsoConnectionCard
              key={provider}
              provider={provider}
              connection={settings.data.connections.find((c) => c.provider === provider)}
            />
          ))}
          <SsoDomainsCard />
          <SsoEnforcementCard settings={settings.data} />
        </>
      )}
    </section>
  );
}

/** The address to give Microsoft or Google, with a button to copy it. */
function RedirectUri({ uri }: { uri: string }) {
  return (
    <div className="card">
      <CopyableValue
        label="Redirect URI"
        hint="Give this address to Microsoft or Google when you register Plaster with them."
        value={uri}
        what="the redirect URI"
      />
    </div>
  );
}
