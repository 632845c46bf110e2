import type { CreateSchoolInput, School, UpdateSchoolInput } from '../../../shared/api';
import { apiRequest } from '../../app/api';

export async function listSchools(signal?: AbortSignal): Promise<School[]> {
  const body = await apiRequest<{ schools: School[] }>('/schools', { signal });
  return body.schools;
}

export function getSchool(schoolId: string, signal?: AbortSignal): Promise<School> {
  return apiRequest<School>(`/schools/${encodeURIComponent(schoolId)}`, { signal });
}

export function createSchool(input: CreateSchoolInput): Promise<School> {
  return apiRequest<School>('/schools', { method: 'POST', body: input });
}

export function updateSchool(schoolId: string, input: UpdateSchoolInput): Promise<School> {
  return apiRequest<School>(`/schools/${encodeURIComponent(schoolId)}`, {
    method: 'PATCH',
    body: input,
  });
}
