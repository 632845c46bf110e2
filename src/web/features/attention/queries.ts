import { useQuery } from '@tanstack/react-query';
import type { Attention } from '../../../shared/attention-api';
import { apiRequest } from '../../app/api';

export const attentionKey = ['attention'] as const;

/** What managers and admins should act on; asked again every minute while a page shows it. */
export function useAttentionQuery(isEnabled = true) {
  return useQuery({
    queryKey: attentionKey,
    queryFn: ({ signal }) => apiRequest<Attention>('/attention', { signal }),
    enabled: isEnabled,
    refetchInterval: 60_000,
  });
}

/** How many things need attention, for the menu. */
export function attentionCount(attention: Attention): number {
  return (
    attention.riddorDecisions.total +
    attention.riddorOverdue.total +
    attention.headInjuriesUntold.total +
    attention.openTooLong.total +
    attention.emailsFailed.total +
    attention.schools.length
  );
}
