import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSchoolInput, School, UpdateSchoolInput } from '../../../shared/api';
import { meQueryKey } from '../../app/query-client';
import { createSchool, getSchool, listSchools, updateSchool } from './api';

export const schoolsQuery = queryOptions({
  queryKey: ['schools'],
  queryFn: ({ signal }) => listSchools(signal),
});

export function useSchoolsQuery() {
  return useQuery(schoolsQuery);
}

export function useSchoolQuery(schoolId: string) {
  return useQuery({
    queryKey: ['schools', schoolId],
    queryFn: ({ signal }) => getSchool(schoolId, signal),
  });
}

export function useCreateSchoolMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSchoolInput) => createSchool(input),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['schools'] }),
        client.invalidateQueries({ queryKey: meQueryKey }),
      ]);
    },
  });
}

export function useUpdateSchoolMutation(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSchoolInput) => updateSchool(schoolId, input),
    onSuccess: async (school: School) => {
      client.setQueryData(['schools', schoolId], school);
      await Promise.all([
        client.invalidateQueries({ queryKey: ['schools'], exact: true }),
        client.invalidateQueries({ queryKey: meQueryKey }),
      ]);
    },
  });
}
