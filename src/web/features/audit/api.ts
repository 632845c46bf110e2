import type { AuditPage } from '../../../shared/api';
import { apiRequest } from '../../app/api';

export function listAuditEvents(
  options: { limit?: number; before?: number },
  signal?: AbortSignal,
): Promise<AuditPage> {
  return apiRequest<AuditPage>('/audit-events', {
    query: { limit: options.limit, before: options.before },
    signal,
  });
}
