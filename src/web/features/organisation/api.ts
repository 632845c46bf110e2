import type { Organisation, UpdateOrganisationInput } from '../../../shared/api';
import { apiRequest } from '../../app/api';

export function getOrganisation(signal?: AbortSignal): Promise<Organisation> {
  return apiRequest<Organisation>('/organisation', { signal });
}

export function updateOrganisation(input: UpdateOrganisationInput): Promise<Organisation> {
  return apiRequest<Organisation>('/organisation', { method: 'PATCH', body: input });
}
