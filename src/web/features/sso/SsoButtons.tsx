import type { SsoDiscovery } from './api';
import { ssoStartUrl } from './api';
import { providerLabels } from './describe';
import { ProviderMark } from './ProviderMark';

type SsoButtonsProps = {
  providers: SsoDiscovery['providers'];
  /** The page of Plaster to come back to once signed in. */
  next?: string;
};

/**
 * One "Sign in with …" per provider of the address's organisation. Each is a plain link: the
 * server sends the browser on to the provider, which brings it back signed in.
 */
export function SsoButtons({ providers, next }: SsoButtonsProps) {
  return (
    <ul className="sso-buttons">
      {providers.map((provider) => (
        <li key={provider.connectionId}>
          <a
            href={ssoStartUrl(provider.connectionId, next)}
            className={`sso-button sso-button--${provider.provider}`}
          >
            <ProviderMark provider={provider.provider} />
            Sign in with {providerLabels[provider.provider]}
          </a>
        </li>
      ))}
    </ul>
  );
}
