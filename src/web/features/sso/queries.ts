import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddSsoDomainInput,
  SsoConnectionInput,
  SsoDomainCheck,
  SsoProvider,
  SsoSettings,
} from '../../../shared/sso-api';
import {
  addSsoDomain,
  discoverSso,
  getSsoSettings,
  listSsoDomains,
  removeSsoConnection,
  removeSsoDomain,
  saveSsoConnection,
  updateSsoSettings,
  verifySsoDomain,
} from './api';
import type { UpdateSsoSettingsInput } from './api';

const ssoSettingsKey = ['organisation', 'sso'] as const;
const ssoDomainsKey = ['organisation', 'sso', 'domains'] as const;

/** The sign-in options for an address; asks nothing until there is an address to ask about. */
export function useSsoDiscoveryQuery(email: string | null) {
  return useQuery({
    queryKey: ['sso-discovery', email],
    queryFn: ({ signal }) => discoverSso(email ?? '', signal),
    enabled: email !== null,
    staleTime: 60_000,
    retry: false,
  });
}

export function useSsoSettingsQuery() {
  return useQuery({
    queryKey: ssoSettingsKey,
    queryFn: ({ signal }) => getSsoSettings(signal),
  });
}

function useStoreSettings() {
  const client = useQueryClient();
  return (settings: SsoSettings) => {
    client.setQueryData(ssoSettingsKey, settings);
    // What a sign-in page shows for an address may have changed.
    client.removeQueries({ queryKey: ['sso-discovery'] });
    // Saving a sign-in method lists its allowed domains to prove. Not awaited: the form that
    // saved is replaced once the settings are stored, and its own onSuccess must run first.
    void client.invalidateQueries({ queryKey: ssoDomainsKey });
  };
}

/** After a domain changed: the list again, and what sign-in pages show. */
function useDomainsChanged() {
  const client = useQueryClient();
  return async () => {
    client.removeQueries({ queryKey: ['sso-discovery'] });
    await client.invalidateQueries({ queryKey: ssoDomainsKey });
  };
}

export function useSaveSsoConnectionMutation(provider: SsoProvider) {
  const store = useStoreSettings();
  return useMutation({
    mutationFn: (input: SsoConnectionInput) => saveSsoConnection(provider, input),
    onSuccess: store,
  });
}

export function useRemoveSsoConnectionMutation(provider: SsoProvider) {
  const store = useStoreSettings();
  return useMutation({
    mutationFn: () => removeSsoConnection(provider),
    onSuccess: store,
  });
}

export function useUpdateSsoSettingsMutation() {
  const store = useStoreSettings();
  return useMutation({
    mutationFn: (input: UpdateSsoSettingsInput) => updateSsoSettings(input),
    onSuccess: store,
  });
}

export function useSsoDomainsQuery() {
  return useQuery({
    queryKey: ssoDomainsKey,
    queryFn: ({ signal }) => listSsoDomains(signal),
  });
}

export function useAddSsoDomainMutation() {
  const changed = useDomainsChanged();
  return useMutation({
    mutationFn: (input: AddSsoDomainInput) => addSsoDomain(input),
    onSuccess: changed,
  });
}

export function useVerifySsoDomainMutation(domain: string) {
  const changed = useDomainsChanged();
  return useMutation({
    mutationFn: () => verifySsoDomain(domain),
    onSuccess: async (check: SsoDomainCheck) => {
      if (check.found) await changed();
    },
  });
}

/** `onRemoved` runs here rather than in mutate's options: the domain's item is gone by then. */
export function useRemoveSsoDomainMutation(domain: string, onRemoved: () => void) {
  const changed = useDomainsChanged();
  return useMutation({
    mutationFn: () => removeSsoDomain(domain),
    onSuccess: async () => {
      onRemoved();
      await changed();
    },
  });
}
