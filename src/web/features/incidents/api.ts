import type { z } from 'zod';
import type {
  ChangeStatusInput,
  CreateIncidentInput,
  Incident,
  IncidentFilters,
  IncidentHistoryEntry,
  IncidentListSchema,
  Patterns,
  Person,
  UpdateIncidentInput,
} from '../../../shared/incidents-api';
import { API_BASE, apiRequest } from '../../app/api';

export type IncidentList = z.infer<typeof IncidentListSchema>;

/** The filters as query parameters: flags as "true", empty values left out. */
export function filterParams(filters: IncidentFilters): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    params[key] = String(value);
  }
  return params;
}

export function listIncidents(
  filters: IncidentFilters,
  page: { limit: number; cursor?: string | undefined },
  signal?: AbortSignal,
): Promise<IncidentList> {
  return apiRequest<IncidentList>('/incidents', {
    query: { ...filterParams(filters), limit: page.limit, cursor: page.cursor },
    signal,
  });
}

/** The address of the CSV of every incident matching the filters, for a plain download link. */
export function exportCsvHref(filters: IncidentFilters): string {
  const search = new URLSearchParams(filterParams(filters)).toString();
  return `${API_BASE}/incidents/export.csv${search ? `?${search}` : ''}`;
}

export function getIncident(id: string, signal?: AbortSignal): Promise<Incident> {
  return apiRequest<Incident>(`/incidents/${encodeURIComponent(id)}`, { signal });
}

/** The same key again returns the incident the first request made, never a second one. */
export function createIncident(
  input: CreateIncidentInput,
  idempotencyKey: string,
): Promise<Incident> {
  return apiRequest<Incident>('/incidents', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function updateIncident(id: string, input: UpdateIncidentInput): Promise<Incident> {
  return apiRequest<Incident>(`/incidents/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: input,
  });
}

export function changeIncidentStatus(id: string, input: ChangeStatusInput): Promise<Incident> {
  return apiRequest<Incident>(`/incidents/${encodeURIComponent(id)}/status`, {
    method: 'POST',
    body: input,
  });
}

export async function getIncidentHistory(
  id: string,
  signal?: AbortSignal,
): Promise<IncidentHistoryEntry[]> {
  const body = await apiRequest<{ entries: IncidentHistoryEntry[] }>(
    `/incidents/${encodeURIComponent(id)}/history`,
    { signal },
  );
  return body.entries;
}

export function getPatterns(filters: IncidentFilters, signal?: AbortSignal): Promise<Patterns> {
  return apiRequest<Patterns>('/incidents/patterns', { query: filterParams(filters), signal });
}

export function getPerson(personId: string, signal?: AbortSignal): Promise<Person> {
  return apiRequest<Person>(`/people/${encodeURIComponent(personId)}`, { signal });
}

export function listPersonIncidents(
  personId: string,
  page: { limit: number; cursor?: string | undefined },
  signal?: AbortSignal,
): Promise<IncidentList> {
  return apiRequest<IncidentList>(`/people/${encodeURIComponent(personId)}/incidents`, {
    query: { limit: page.limit, cursor: page.cursor },
    signal,
  });
}
