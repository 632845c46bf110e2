import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SsoConnectionInput, SsoProvider, SsoSettings } from '../../../shared/sso-api';
import {
  discoverSso,
  getSsoSettings,
  removeSsoConnection,
  saveSsoConnection,
  updateSsoSettings,
} from './api';
import type { UpdateSsoSettingsInput } from './api';

const ssoSettingsKey = ['organisation', 'sso'] as const;

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
