import type { ChangePasswordInput, LoginInput, Me } from '../../../shared/api';
import { apiRequest, isUnauthenticated } from '../../app/api';

/** The signed-in session, or null when nobody is signed in. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiRequest<Me>('/me', { signal });
  } catch (error) {
    if (isUnauthenticated(error)) return null;
    throw error;
  }
}

export function login(input: LoginInput): Promise<Me> {
  return apiRequest<Me>('/auth/login', { method: 'POST', body: input });
}

export function logout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST' });
}

export function changePassword(input: ChangePasswordInput): Promise<void> {
  return apiRequest<void>('/me/password', { method: 'POST', body: input });
}
