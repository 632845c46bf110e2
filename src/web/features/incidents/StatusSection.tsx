import { useId, useState } from 'react';
import type { Incident } from '../../../shared/incidents-api';
import { toUserMessage } from '../../app/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { StatusMessage } from '../../components/StatusMessage';
import { statusBadgeClass, statusLabels } from './describe';
import type { Status } from './describe';
import { isConflict } from './form-errors';
import { STATUS_HEADING_ID } from './IncidentToDo';
import { useChangeStatusMutation } from './queries';

type StatusSectionProps = {
  incident: Incident;
  canManage: boolean;
  onReload: () => Promise<unknown>;
};

type Move = { status: Status; title: string; confirmLabel: string; needsNote: boolean };

const moves: Record<Status, Move[]> = {
  open: [
    {
      status: 'under_review',
      title: 'Mark under review',
      confirmLabel: 'Mark under review',
      needsNote: false,
    },
    { status: 'closed', title: 'Close', confirmLabel: 'Close incident', needsNote: true },
  ],
  under_review: [
    { status: 'open', title: 'Move back to open', confirmLabel: 'Move to open', needsNote: false },
    { status: 'closed', title: 'Close', confirmLabel: 'Close incident', needsNote: true },
  ],
  closed: [{ status: 'open', title: 'Reopen', confirmLabel: 'Reopen', needsNote: false }],
};

const notices: Record<Status, string> = {
  open: 'The incident is open.',
  under_review: 'The incident is under review.',
  closed: 'The incident is closed and signed off.',
};

/** Review and sign-off: where the incident stands, and for managers the moves from there. */
export function StatusSection({ incident, canManage, onReload }: StatusSectionProps) {
  const id = useId();
  const change = useChangeStatusMutation(incident.id);
  const [move, setMove] = useState<Move | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const open = (next: Move) => {
    change.reset();
    setProblem(null);
    setNotice(null);
    setNote('');
    setMove(next);
  };

  const handleConfirm = () => {
    if (!move) return;
    const trimmed = note.trim();
    if (move.needsNote && !trimmed) {
      setProblem('Write a sign-off note: what was done and that the incident can be closed.');
      return;
    }
    setProblem(null);
    change.mutate(
      { version: incident.version, status: move.status, note: trimmed || null },
      {
        onSuccess: () => {
          setMove(null);
          setNotice(notices[move.status]);
        },
        onError: (error) => {
          // Someone else saved first: show their version; the note typed here is kept.
          if (isConflict(error)) void onReload();
        },
      },
    );
  };

  const errorMessage = problem
    ? problem
    : change.error
      ? isConflict(change.error)
        ? 'Someone else changed this incident a moment ago. The page now shows their changes: check them, then confirm again.'
        : toUserMessage(change.error)
      : null;

  return (
    <section className="card" aria-labelledby={STATUS_HEADING_ID}>
      <h2 id={STATUS_HEADING_ID} className="card__title" tabIndex={-1}>
        Review and sign-off
      </h2>
      <StatusMessage message={notice} />
      <dl className="summary-list">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={statusBadgeClass[incident.status]}>
              {statusLabels[incident.status]}
            </span>
          </dd>
        </div>
        {incident.status === 'closed' && (
          <>
            <div>
              <dt>Signed off by</dt>
              <dd>
                {incident.closedBy?.name ?? 'Not recorded'}
                {incident.closedAt && (
                  <>
                    {' '}
                    on <DateTime value={incident.closedAt} />
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>Sign-off note</dt>
              <dd className="preserve-lines">{incident.closureNote ?? 'None'}</dd>
            </div>
          </>
        )}
      </dl>
      {canManage && (
        <div className="button-row no-print">
          {moves[incident.status].map((next) => (
            <button
              key={next.status}
              type="button"
              className={next.status === 'closed' ? 'button' : 'button button--secondary'}
              onClick={() => open(next)}
            >
              {next.title}
            </button>
          ))}
        </div>
      )}
      {!canManage && incident.status !== 'closed' && (
        <p className="muted no-print">A manager reviews the incident and signs it off.</p>
      )}
      <ConfirmDialog
        isOpen={move !== null}
        title={move ? `${move.title}?` : ''}
        confirmLabel={move?.confirmLabel ?? ''}
        isPending={change.isPending}
        error={errorMessage}
        onConfirm={handleConfirm}
        onCancel={() => setMove(null)}
      >
        {move?.status === 'closed' ? (
          <>
            <p>Closing signs the incident off. It can be reopened later if needed.</p>
            <div className="field">
              <label htmlFor={`${id}-note`} className="field__label">
                Sign-off note
              </label>
              <p id={`${id}-note-hint`} className="field__hint">
                What was done, and why the incident can be closed.
              </p>
              <textarea
                id={`${id}-note`}
                className="input textarea"
                rows={4}
                value={note}
                aria-describedby={`${id}-note-hint`}
                aria-invalid={problem ? true : undefined}
                onChange={(event) => setNote(event.target.value)}
              />
            </div>
          </>
        ) : move?.status === 'open' && incident.status === 'closed' ? (
          <>
            <p>
              Reopening lets the incident be changed again. Its sign-off is kept in the history.
            </p>
            <div className="field">
              <label htmlFor={`${id}-reason`} className="field__label">
                Why is it being reopened? (optional)
              </label>
              <textarea
                id={`${id}-reason`}
                className="input textarea"
                rows={3}
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
            </div>
          </>
        ) : (
          <p>The incident will be marked {move ? statusLabels[move.status].toLowerCase() : ''}.</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
