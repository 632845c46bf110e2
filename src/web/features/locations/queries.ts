import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Location } from '../../../shared/incidents-api';
import { InvalidInputError } from '../../app/api';
import { createLocation, listLocations, updateLocation } from './api';

export function locationsKey(schoolId: string) {
  return ['schools', schoolId, 'locations'] as const;
}

/** The school's places, archived ones included (flagged), in name order. */
export function useLocationsQuery(schoolId: string, options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: locationsKey(schoolId),
    queryFn: async ({ signal }) =>
      (await listLocations(schoolId, signal)).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    enabled: (options.isEnabled ?? true) && schoolId !== '',
  });
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidInputError([{ path: 'name', message: 'Enter the place’s name.' }]);
  return trimmed;
}

export function useCreateLocationMutation(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) =>
      createLocation(schoolId, { name: checkedName(input.name) }),
    onSuccess: () => client.invalidateQueries({ queryKey: locationsKey(schoolId) }),
  });
}

export function useUpdateLocationMutation(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; name?: string; archived?: boolean }) =>
      updateLocation(
        id,
        input.name === undefined ? input : { ...input, name: checkedName(input.name) },
      ),
    onSuccess: (location: Location) => {
      client.setQueryData<Location[]>(locationsKey(schoolId), (current) =>
        current?.map((existing) => (existing.id === location.id ? location : existing)),
      );
      return client.invalidateQueries({ queryKey: locationsKey(schoolId) });
    },
  });
}
