import type { SyncRun } from '../../../shared/wonde-api';
import { runStatusLabels } from './describe';

const badgeClasses: Record<SyncRun['status'], string> = {
  queued: 'badge badge--muted',
  running: 'badge',
  succeeded: 'badge badge--success',
  failed: 'badge badge--danger',
};

export function RunStatusBadge({ status }: { status: SyncRun['status'] }) {
  return <span className={badgeClasses[status]}>{runStatusLabels[status]}</span>;
}
