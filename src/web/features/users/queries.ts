import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserInput, UpdateUserInput, User } from '../../../shared/api';
import { meQueryKey } from '../../app/query-client';
import { createUser, getUser, listUsers, updateUser } from './api';

export const usersQuery = queryOptions({
  queryKey: ['users'],
  queryFn: ({ signal }) => listUsers(signal),
});

export function useUsersQuery(options: { isEnabled?: boolean } = {}) {
  return useQuery({ ...usersQuery, enabled: options.isEnabled ?? true });
}

export function useUserQuery(userId: string) {
  return useQuery({
    queryKey: ['users', userId],
    queryFn: ({ signal }) => getUser(userId, signal),
  });
}

export function useCreateUserMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => createUser(input),
    onSuccess: (user: User) => {
      client.setQueryData(['users', user.id], user);
      return client.invalidateQueries({ queryKey: ['users'], exact: true });
    },
  });
}

export function useUpdateUserMutation(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateUserInput) => updateUser(userId, input),
    onSuccess: async (user: User) => {
      client.setQueryData(['users', userId], user);
      await Promise.all([
        client.invalidateQueries({ queryKey: ['users'], exact: true }),
        // The change may be to the signed-in person's own name, role or schools.
        client.invalidateQueries({ queryKey: meQueryKey }),
      ]);
    },
  });
}
