import type { ConnectionState, SyncRun } from '../../../shared/wonde-api';

export const stateLabels: Record<ConnectionState, string> = {
  not_connected: 'Not connected',
  pending: 'Waiting for the school',
  approved: 'Connected',
  declined: 'Declined',
  revoked: 'Access revoked',
  error: 'Problem',
};

export const modeLabels: Record<SyncRun['mode'], string> = {
  full: 'Full',
  delta: 'Changes only',
};

export const runStatusLabels: Record<SyncRun['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

const triggerLabels: Record<string, string> = {
  approval: 'School approved',
  schedule: 'Scheduled',
  nightly: 'Nightly',
  manual: 'Manual',
  'command line': 'Command line',
};

export function triggerLabel(trigger: string): string {
  return triggerLabels[trigger] ?? trigger;
}

const phaseLabels: Record<string, string> = {
  students: 'reading pupils',
  employees: 'reading staff',
  deletions: 'reading deletions',
  finishing: 'finishing',
};

/** "reading pupils"; a phase this version does not know is shown as it comes. */
export function phaseLabel(phase: string | null): string | null {
  if (!phase) return null;
  return phaseLabels[phase] ?? phase;
}

export const countLabels: { key: keyof SyncRun['counts']; label: string }[] = [
  { key: 'created', label: 'Created' },
  { key: 'updated', label: 'Updated' },
  { key: 'unchanged', label: 'Unchanged' },
  { key: 'left', label: 'Left' },
  { key: 'removed', label: 'Removed' },
  { key: 'restored', label: 'Restored' },
];

const countFormat = new Intl.NumberFormat('en-GB');

/** 12,345 */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** "2 min 5 s", "14 s", "under 1 s"; null while the run has not both started and finished. */
export function runDuration(run: SyncRun): string | null {
  if (!run.startedAt || !run.finishedAt) return null;
  const ms = new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime();
  if (!Number.isFinite(ms) || ms < 0) return null;
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return 'under 1 s';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "Full sync", "Sync of changes". */
export function runTitle(mode: SyncRun['mode']): string {
  return mode === 'full' ? 'Full sync' : 'Sync of changes';
}

/** One sentence about a run, for the announcement of its progress or its end. */
export function describeRun(run: SyncRun): string {
  const what = runTitle(run.mode);
  if (run.status === 'queued') return `${what} queued: it starts as soon as it can.`;
  if (run.status === 'running') {
    const phase = phaseLabel(run.phase);
    return phase ? `${what} running: ${phase}.` : `${what} running.`;
  }
  if (run.status === 'failed') {
    return run.error ? `${what} failed: ${run.error}` : `${what} failed.`;
  }
  const counts = countLabels
    .map(({ key, label }) => `${formatCount(run.counts[key])} ${label.toLowerCase()}`)
    .join(', ');
  return `${what} finished: ${counts}.`;
}
