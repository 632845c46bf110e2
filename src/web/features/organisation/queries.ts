import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Organisation, UpdateOrganisationInput } from '../../../shared/api';
import { meQueryKey } from '../../app/query-client';
import { getOrganisation, updateOrganisation } from './api';

export function useOrganisationQuery() {
  return useQuery({
    queryKey: ['organisation'],
    queryFn: ({ signal }) => getOrganisation(signal),
  });
}

export function useUpdateOrganisationMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateOrganisationInput) => updateOrganisation(input),
    onSuccess: async (organisation: Organisation) => {
      client.setQueryData(['organisation'], organisation);
      await client.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
