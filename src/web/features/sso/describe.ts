import { SSO_ERRORS } from '../../../shared/fixed-lists';
import type { SsoError, SsoProvider } from '../../../shared/sso-api';

export const ssoProviders: readonly SsoProvider[] = ['microsoft', 'google'];

export const providerLabels: Record<SsoProvider, string> = {
  microsoft: 'Microsoft',
  google: 'Google',
};

export const genericSsoError =
  'Single sign-on did not work. Please try again, or ask your administrator for help.';

/** The sentence for an `sso_error` the server sent back to the sign-in page; null for none. */
export function ssoErrorMessage(code: string | null): string | null {
  if (code === null) return null;
  return isSsoError(code) ? SSO_ERRORS[code] : genericSsoError;
}

function isSsoError(code: string): code is SsoError {
  return Object.hasOwn(SSO_ERRORS, code);
}

/** Whether an address is worth asking about: something@domain.tld. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(value);
}

/** Domains typed one per line or separated by commas (or spaces), lower case, each once. */
export function parseDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  return [...new Set(domains)];
}

const domainPattern = /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/;

export function isDomain(value: string): boolean {
  return domainPattern.test(value);
}
