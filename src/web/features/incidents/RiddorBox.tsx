import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Incident, UpdateIncidentInput } from '../../../shared/incidents-api';
import { InvalidInputError } from '../../app/api';
import type { FieldProblem } from '../../app/api';
import { FormAlert } from '../../components/FormAlert';
import { isDateOnly, formatDate, todayInLondon } from '../../components/london-time';
import { RadioGroup } from '../../components/RadioGroup';
import { StatusMessage } from '../../components/StatusMessage';
import { TextField } from '../../components/TextField';
import { ConflictAlert } from './ConflictAlert';
import { RIDDOR_HEADING_ID } from './IncidentToDo';
import {
  riddorDecisionLabels,
  riddorDecisions,
  specifiedInjuryLabels,
  suggestionLabels,
} from './describe';
import type { RiddorDecision } from './describe';
import { errorFor, forSummary, isConflict, problemsByPath } from './form-errors';
import { useUpdateIncidentMutation } from './queries';

type RiddorBoxProps = {
  incident: Incident;
  canDecide: boolean;
  onReload: () => Promise<unknown>;
};

const answer = (value: boolean | null) => (value === null ? 'Not answered' : value ? 'Yes' : 'No');

/**
 * RIDDOR at a glance: what the answers suggest and why, the deadline, and the employer's box of
 * the accident book (decision, reference, date reported), which managers fill in.
 */
export function RiddorBox({ incident, canDecide, onReload }: RiddorBoxProps) {
  // Kept here: saving gives the incident a new version, which starts the form afresh.
  const [notice, setNotice] = useState<string | null>(null);
  const { riddor } = incident;
  const { assessment } = riddor;
  const isStaff = incident.person.kind === 'staff';
  const isReported = riddor.decision === 'reportable' && riddor.reportedOn !== null;
  const suggestionClass = {
    reportable: 'badge badge--danger',
    not_reportable: 'badge badge--success',
    needs_answers: 'badge badge--warning',
  }[assessment.suggestion];

  return (
    <section
      className={assessment.overdue ? 'card riddor-box riddor-box--overdue' : 'card riddor-box'}
      aria-labelledby={RIDDOR_HEADING_ID}
    >
      <h2 id={RIDDOR_HEADING_ID} className="card__title" tabIndex={-1}>
        RIDDOR
      </h2>
      {assessment.overdue && !isReported && (
        <p className="riddor-box__overdue">
          <strong>Overdue.</strong>{' '}
          {assessment.deadline
            ? `The report to the HSE was due by ${formatDate(assessment.deadline)}.`
            : 'The report to the HSE is past its deadline.'}
        </p>
      )}
      <div className="riddor-box__suggestion">
        <p>
          <span className={suggestionClass}>{suggestionLabels[assessment.suggestion]}</span>
        </p>
        <p>{assessment.reason}</p>
        {assessment.deadline && !isReported && (
          <p>
            <strong>Report by {formatDate(assessment.deadline)}.</strong>
          </p>
        )}
        <p className="muted riddor-box__note">
          A suggestion from the answers recorded. The decision is the school’s.
        </p>
      </div>
      <dl className="summary-list">
        {isStaff ? (
          <>
            <div>
              <dt>Specified injury</dt>
              <dd>
                {riddor.specifiedInjury
                  ? specifiedInjuryLabels[riddor.specifiedInjury]
                  : 'None recorded'}
              </dd>
            </div>
            <div>
              <dt>First day away</dt>
              <dd>
                {riddor.incapacityStartDate
                  ? formatDate(riddor.incapacityStartDate)
                  : 'Not recorded'}
              </dd>
            </div>
            <div>
              <dt>Days away so far</dt>
              <dd>{riddor.incapacityDays ?? 'Not recorded'}</dd>
            </div>
          </>
        ) : (
          <>
            <div>
              <dt>Arose from the school’s work</dt>
              <dd>
                {answer(riddor.workRelated)}
                {riddor.workRelated && riddor.workRelatedReason && (
                  <span className="cell-secondary preserve-lines">{riddor.workRelatedReason}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>Taken straight to hospital for treatment</dt>
              <dd>{answer(riddor.takenDirectlyToHospital)}</dd>
            </div>
          </>
        )}
      </dl>
      {canDecide && (
        <RiddorDecisionForm
          key={incident.version}
          incident={incident}
          onReload={onReload}
          notice={notice}
          onNotice={setNotice}
        />
      )}
      <dl className={canDecide ? 'summary-list print-only' : 'summary-list'}>
        <div>
          <dt>Decision</dt>
          <dd>{riddorDecisionLabels[riddor.decision]}</dd>
        </div>
        {riddor.decision === 'reportable' && (
          <>
            <div>
              <dt>Date reported</dt>
              <dd>{riddor.reportedOn ? formatDate(riddor.reportedOn) : 'Not reported yet'}</dd>
            </div>
            <div>
              <dt>HSE reference</dt>
              <dd>{riddor.reference ?? 'None'}</dd>
            </div>
            <div>
              <dt>Reported by</dt>
              <dd>{riddor.reportedBy ?? 'Not recorded'}</dd>
            </div>
          </>
        )}
      </dl>
    </section>
  );
}

type DecisionValues = {
  decision: RiddorDecision;
  reference: string;
  reportedOn: string;
  reportedBy: string;
};

type RiddorDecisionFormProps = {
  incident: Incident;
  onReload: () => Promise<unknown>;
  notice: string | null;
  onNotice: (notice: string | null) => void;
};

function RiddorDecisionForm({ incident, onReload, notice, onNotice }: RiddorDecisionFormProps) {
  const id = useId();
  const update = useUpdateIncidentMutation(incident.id);
  const initial: DecisionValues = {
    decision: incident.riddor.decision,
    reference: incident.riddor.reference ?? '',
    reportedOn: incident.riddor.reportedOn ?? '',
    reportedBy: incident.riddor.reportedBy ?? '',
  };
  const [values, setValues] = useState(initial);
  const [clientError, setClientError] = useState<InvalidInputError | null>(null);
  const error = clientError ?? update.error;
  const problems = problemsByPath(error);
  const set = (change: Partial<DecisionValues>) =>
    setValues((current) => ({ ...current, ...change }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onNotice(null);
    const isReportable = values.decision === 'reportable';
    const next = {
      decision: values.decision,
      reference: isReportable ? values.reference.trim() || null : null,
      reportedOn: isReportable ? values.reportedOn || null : null,
      reportedBy: isReportable ? values.reportedBy.trim() || null : null,
    };
    const problemsFound: FieldProblem[] = [];
    if (next.reportedOn && !isDateOnly(next.reportedOn)) {
      problemsFound.push({ path: 'riddor.reportedOn', message: 'Enter a real date.' });
    } else if (next.reportedOn && next.reportedOn > todayInLondon()) {
      problemsFound.push({
        path: 'riddor.reportedOn',
        message: 'The date reported cannot be in the future.',
      });
    }
    if (problemsFound.length > 0) {
      setClientError(new InvalidInputError(problemsFound));
      return;
    }
    setClientError(null);
    const was = {
      decision: initial.decision,
      reference: initial.reference || null,
      reportedOn: initial.reportedOn || null,
      reportedBy: initial.reportedBy || null,
    };
    const riddor: NonNullable<UpdateIncidentInput['riddor']> = {};
    if (next.decision !== was.decision) riddor.decision = next.decision;
    if (next.reference !== was.reference) riddor.reference = next.reference;
    if (next.reportedOn !== was.reportedOn) riddor.reportedOn = next.reportedOn;
    if (next.reportedBy !== was.reportedBy) riddor.reportedBy = next.reportedBy;
    if (Object.keys(riddor).length === 0) {
      onNotice('Nothing was changed.');
      return;
    }
    update.mutate(
      { version: incident.version, riddor },
      { onSuccess: () => onNotice('RIDDOR decision saved.') },
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate className="form riddor-box__form no-print">
      <h3 id={`${id}-title`} className="riddor-box__subtitle">
        Decision and report
      </h3>
      <StatusMessage message={notice} />
      {isConflict(update.error) ? (
        <ConflictAlert
          what="this incident"
          onReload={async () => {
            await onReload();
            update.reset();
          }}
        />
      ) : (
        <FormAlert error={forSummary(error)} />
      )}
      <RadioGroup
        legend="Is it reportable to the HSE?"
        name="riddor-decision"
        options={riddorDecisions.map((decision) => ({
          value: decision,
          label: riddorDecisionLabels[decision],
        }))}
        layout="inline"
        value={values.decision}
        onChange={(decision) => set({ decision })}
        error={errorFor(problems, 'riddor.decision')}
      />
      {values.decision === 'reportable' && (
        <div className="field-row">
          <TextField
            label="Date reported"
            type="date"
            className="field--date"
            value={values.reportedOn}
            onChange={(event) => set({ reportedOn: event.target.value })}
            error={errorFor(problems, 'riddor.reportedOn')}
          />
          <TextField
            label="HSE reference"
            autoComplete="off"
            className="field--medium"
            value={values.reference}
            onChange={(event) => set({ reference: event.target.value })}
            error={errorFor(problems, 'riddor.reference')}
          />
          <TextField
            label="Reported by"
            autoComplete="off"
            className="field--medium"
            value={values.reportedBy}
            onChange={(event) => set({ reportedBy: event.target.value })}
            error={errorFor(problems, 'riddor.reportedBy')}
          />
        </div>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save RIDDOR decision'}
        </button>
      </div>
    </form>
  );
}
