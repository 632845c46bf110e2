import type { Location } from '../../../shared/incidents-api';
import { apiRequest } from '../../app/api';

export async function listLocations(schoolId: string, signal?: AbortSignal): Promise<Location[]> {
  const body = await apiRequest<{ locations: Location[] }>(
    `/schools/${encodeURIComponent(schoolId)}/locations`,
    { signal },
  );
  return body.locations;
}

export function createLocation(schoolId: string, input: { name: string }): Promise<Location> {
  return apiRequest<Location>(`/schools/${encodeURIComponent(schoolId)}/locations`, {
    method: 'POST',
    body: input,
  });
}

export function updateLocation(
  locationId: string,
  input: { name?: string; archived?: boolean },
): Promise<Location> {
  return apiRequest<Location>(`/locations/${encodeURIComponent(locationId)}`, {
    method: 'PATCH',
    body: input,
  });
}
