import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { attentionKey } from '../attention/queries';
import type { QueryClient } from '@tanstack/react-query';
import type {
  ChangeStatusInput,
  CreateIncidentInput,
  Incident,
  IncidentFilters,
  UpdateIncidentInput,
} from '../../../shared/incidents-api';
import {
  changeIncidentStatus,
  createIncident,
  getIncident,
  getIncidentHistory,
  getPatterns,
  getPerson,
  listIncidents,
  listPersonIncidents,
  updateIncident,
} from './api';

const PAGE_SIZE = 50;

export function incidentKey(id: string) {
  return ['incidents', 'detail', id] as const;
}

/** Newest first; "Load more" fetches the next page after the cursor. */
export function useIncidentsQuery(filters: IncidentFilters) {
  return useInfiniteQuery({
    queryKey: ['incidents', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      listIncidents(filters, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/** How many incidents match, for a headline figure: one row is enough to learn the total. */
export function useIncidentCountQuery(filters: IncidentFilters) {
  return useQuery({
    queryKey: ['incidents', 'count', filters],
    queryFn: async ({ signal }) => (await listIncidents(filters, { limit: 1 }, signal)).total,
  });
}

export function useIncidentQuery(id: string) {
  return useQuery({
    queryKey: incidentKey(id),
    queryFn: ({ signal }) => getIncident(id, signal),
    staleTime: 0,
  });
}

export function useIncidentHistoryQuery(id: string) {
  return useQuery({
    queryKey: ['incidents', 'history', id],
    queryFn: ({ signal }) => getIncidentHistory(id, signal),
    staleTime: 0,
  });
}

export function usePatternsQuery(filters: IncidentFilters) {
  return useQuery({
    queryKey: ['incidents', 'patterns', filters],
    queryFn: ({ signal }) => getPatterns(filters, signal),
  });
}

export function usePersonQuery(personId: string) {
  return useQuery({
    queryKey: ['people', 'record', personId],
    queryFn: ({ signal }) => getPerson(personId, signal),
    staleTime: 0,
  });
}

export function usePersonIncidentsQuery(personId: string) {
  return useInfiniteQuery({
    queryKey: ['people', 'incidents', personId],
    queryFn: ({ pageParam, signal }) =>
      listPersonIncidents(personId, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/** After any change: the record itself, every list and count, and people's incident counts. */
export async function afterSave(client: QueryClient, incident: Incident) {
  client.setQueryData(incidentKey(incident.id), incident);
  await Promise.all([
    client.invalidateQueries({
      queryKey: ['incidents'],
      predicate: (query) => query.queryKey[1] !== 'detail',
    }),
    client.invalidateQueries({ queryKey: ['people'] }),
    client.invalidateQueries({ queryKey: attentionKey }),
  ]);
}

export function useCreateIncidentMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      input,
      idempotencyKey,
    }: {
      input: CreateIncidentInput;
      idempotencyKey: string;
    }) => createIncident(input, idempotencyKey),
    onSuccess: (incident: Incident) => afterSave(client, incident),
  });
}

export function useUpdateIncidentMutation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateIncidentInput) => updateIncident(id, input),
    onSuccess: (incident: Incident) => afterSave(client, incident),
  });
}

export function useChangeStatusMutation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangeStatusInput) => changeIncidentStatus(id, input),
    onSuccess: (incident: Incident) => afterSave(client, incident),
  });
}
