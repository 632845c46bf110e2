import type { CreateUserInput, UpdateUserInput, User } from '../../../shared/api';
import { apiRequest } from '../../app/api';

export async function listUsers(signal?: AbortSignal): Promise<User[]> {
  const body = await apiRequest<{ users: User[] }>('/users', { signal });
  return body.users;
}

export function getUser(userId: string, signal?: AbortSignal): Promise<User> {
  return apiRequest<User>(`/users/${encodeURIComponent(userId)}`, { signal });
}

export function createUser(input: CreateUserInput): Promise<User> {
  return apiRequest<User>('/users', { method: 'POST', body: input });
}

export function updateUser(userId: string, input: UpdateUserInput): Promise<User> {
  return apiRequest<User>(`/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body: input });
}
