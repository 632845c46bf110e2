import type { z } from 'zod';
import type {
  AddSsoDomainInput,
  SsoConnectionInput,
  SsoDiscoverResponseSchema,
  SsoDomain,
  SsoDomainCheck,
  SsoDomainList,
  SsoProvider,
  SsoSettings,
  UpdateSsoSettingsInputSchema,
} from '../../../shared/sso-api';
import { safeNextPath } from '../../../shared/next-path';
import { API_BASE, apiRequest } from '../../app/api';

export type SsoDiscovery = z.infer<typeof SsoDiscoverResponseSchema>;
export type UpdateSsoSettingsInput = z.input<typeof UpdateSsoSettingsInputSchema>;

/** The single sign-on buttons to offer for an email address (no session needed). */
export function discoverSso(email: string, signal?: AbortSignal): Promise<SsoDiscovery> {
  return apiRequest<SsoDiscovery>('/auth/sso/discover', { query: { email }, signal });
}

/**
 * Where the browser goes to sign in with a provider: the server sends it on to Microsoft or
 * Google. `next` is kept only when it is a path of this site.
 */
export function ssoStartUrl(connectionId: string, next = '/'): string {
  const path = safeNextPath(next) ?? '/';
  const back = path === '/' ? '' : `?next=${encodeURIComponent(path)}`;
  return `${API_BASE}/auth/sso/${encodeURIComponent(connectionId)}/start${back}`;
}

export function getSsoSettings(signal?: AbortSignal): Promise<SsoSettings> {
  return apiRequest<SsoSettings>('/organisation/sso', { signal });
}

export function saveSsoConnection(
  provider: SsoProvider,
  input: SsoConnectionInput,
): Promise<SsoSettings> {
  return apiRequest<SsoSettings>(`/organisation/sso/${provider}`, { method: 'PUT', body: input });
}

export function removeSsoConnection(provider: SsoProvider): Promise<SsoSettings> {
  return apiRequest<SsoSettings>(`/organisation/sso/${provider}`, { method: 'DELETE' });
}

export function updateSsoSettings(input: UpdateSsoSettingsInput): Promise<SsoSettings> {
  return apiRequest<SsoSettings>('/organisation/sso', { method: 'PATCH', body: input });
}

export function listSsoDomains(signal?: AbortSignal): Promise<SsoDomainList> {
  return apiRequest<SsoDomainList>('/organisation/sso/domains', { signal });
}

export function addSsoDomain(input: AddSsoDomainInput): Promise<SsoDomain> {
  return apiRequest<SsoDomain>('/organisation/sso/domains', { method: 'POST', body: input });
}

/** Looks for the domain's TXT record now; found, the domain is verified. */
export function verifySsoDomain(domain: string): Promise<SsoDomainCheck> {
  return apiRequest<SsoDomainCheck>(
    `/organisation/sso/domains/${encodeURIComponent(domain)}/verify`,
    { method: 'POST' },
  );
}

export function removeSsoDomain(domain: string): Promise<void> {
  return apiRequest<void>(`/organisation/sso/domains/${encodeURIComponent(domain)}`, {
    method: 'DELETE',
  });
}
