import type { RiddorAssessment } from '../../../shared/incidents-api';

/**
 * RIDDOR 2013 as it applies in schools (docs/school-safety-rules.md). Plaster suggests; the
 * responsible person decides. Pure: dates are `YYYY-MM-DD`, London calendar days.
 */
export type RiddorFacts = {
  personKind: 'pupil' | 'staff' | 'visitor' | 'contractor' | 'public' | 'other';
  /** The calendar day of the accident in England. */
  accidentDate: string;
  outcome: string;
  workRelated: boolean | null;
  takenDirectlyToHospital: boolean | null;
  specifiedInjury: string | null;
  /** Consecutive days away or unable to do normal work, the accident day not counted. */
  incapacityDays: number | null;
  decision: 'undecided' | 'not_reportable' | 'reportable';
  reportedOn: string | null;
};

/** Days to report a death, a specified injury or a non-worker taken to hospital (with the notification made without delay). */
export const DAYS_TO_REPORT_FORTHWITH_CASES = 10;
/** Days from the accident to report a worker's over-seven-day incapacity. */
export const DAYS_TO_REPORT_OVER_SEVEN_DAY = 15;

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function suggestion(facts: RiddorFacts): Omit<RiddorAssessment, 'overdue'> {
  const reportable = (reason: string, days: number) => ({
    suggestion: 'reportable' as const,
    reason,
    deadline: addDays(facts.accidentDate, days),
  });
  const not = (reason: string) => ({
    suggestion: 'not_reportable' as const,
    reason,
    deadline: null,
  });
  const ask = (reason: string) => ({
    suggestion: 'needs_answers' as const,
    reason,
    deadline: null,
  });

  if (facts.personKind === 'staff') {
    if (facts.specifiedInjury) {
      return reportable(
        'A specified injury to a worker: notify without delay and report within 10 days.',
        DAYS_TO_REPORT_FORTHWITH_CASES,
      );
    }
    if (facts.incapacityDays === null) {
      return ask(
        'Record whether they were away or unable to do their normal work for more than seven days.',
      );
    }
    if (facts.incapacityDays > 7) {
      return reportable(
        'Over seven days of incapacity: report within 15 days of the accident.',
        DAYS_TO_REPORT_OVER_SEVEN_DAY,
      );
    }
    return not(
      facts.incapacityDays > 3
        ? 'Over three but not over seven days: record it in the book; it is not reported.'
        : 'No specified injury and not over seven days of incapacity.',
    );
  }

  const wentToHospital = facts.outcome === 'hospital' || facts.outcome === 'ambulance_called';
  if (
    facts.takenDirectlyToHospital === false ||
    (!wentToHospital && facts.takenDirectlyToHospital !== true)
  ) {
    return not('Not taken directly from the scene to hospital for treatment.');
  }
  if (facts.workRelated === false) {
    return not(
      'Did not arise from a work activity (premises, equipment, supervision or organisation).',
    );
  }
  if (facts.takenDirectlyToHospital === true && facts.workRelated === true) {
    return reportable(
      'Taken directly to hospital for treatment after an accident arising from a work activity: report within 10 days.',
      DAYS_TO_REPORT_FORTHWITH_CASES,
    );
  }
  return ask(
    'Record whether they were taken directly to hospital for treatment and whether a work activity contributed.',
  );
}

/** What the answers suggest, the deadline when reportable, and whether it has passed unreported. */
export function assessRiddor(facts: RiddorFacts, today: string): RiddorAssessment {
  const result = suggestion(facts);
  const treatedAsReportable =
    facts.decision === 'reportable' ||
    (facts.decision === 'undecided' && result.suggestion === 'reportable');
  const deadline = result.deadline;
  return {
    ...result,
    overdue:
      treatedAsReportable && facts.reportedOn === null && deadline !== null && deadline < today,
  };
}
