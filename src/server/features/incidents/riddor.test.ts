import { describe, expect, it } from 'vitest';
import { addDays, assessRiddor, type RiddorFacts } from './riddor';

const staff = (over: Partial<RiddorFacts>): RiddorFacts => ({
  personKind: 'staff',
  accidentDate: '2026-03-02',
  outcome: 'sent_home',
  workRelated: true,
  takenDirectlyToHospital: null,
  specifiedInjury: null,
  incapacityDays: null,
  decision: 'undecided',
  reportedOn: null,
  ...over,
});
const pupil = (over: Partial<RiddorFacts>): RiddorFacts => ({
  ...staff({}),
  personKind: 'pupil',
  ...over,
});

describe('RIDDOR deadlines', () => {
  // Over-seven-day injuries: within 15 days of the accident; weekends count, the accident day is day 0.
  it.each([
    ['a Monday', '2026-03-02', '2026-03-17'],
    ['a Friday (weekends count)', '2026-03-06', '2026-03-21'],
    ['a Saturday', '2026-03-07', '2026-03-22'],
    ['late January (into February)', '2026-01-20', '2026-02-04'],
    ['mid February, not a leap year', '2026-02-14', '2026-03-01'],
    ['mid February, a leap year', '2028-02-14', '2028-02-29'],
    ['the last day of a 30-day month', '2026-04-30', '2026-05-15'],
    ['mid December (into the new year)', '2026-12-20', '2027-01-04'],
    ['New Year’s Eve', '2026-12-31', '2027-01-15'],
    ['the BST change weekend', '2026-03-28', '2026-04-12'],
  ])('over seven days, accident on %s (%s): report by %s', (_label, accidentDate, deadline) => {
    const result = assessRiddor(staff({ accidentDate, incapacityDays: 8 }), accidentDate);
    expect(result).toMatchObject({ suggestion: 'reportable', deadline, overdue: false });
  });

  it.each([
    ['2026-03-02', '2026-03-12'],
    ['2026-02-25', '2026-03-07'],
    ['2026-12-28', '2027-01-07'],
    ['2028-02-20', '2028-03-01'],
  ])('a specified injury on %s: report within 10 days, by %s', (accidentDate, deadline) => {
    const result = assessRiddor(staff({ accidentDate, specifiedInjury: 'fracture' }), accidentDate);
    expect(result).toMatchObject({ suggestion: 'reportable', deadline });
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('RIDDOR suggestions', () => {
  it.each<[string, RiddorFacts, string]>([
    ['staff, seven days exactly', staff({ incapacityDays: 7 }), 'not_reportable'],
    ['staff, eight days', staff({ incapacityDays: 8 }), 'reportable'],
    ['staff, four days (record only)', staff({ incapacityDays: 4 }), 'not_reportable'],
    ['staff, days not yet known', staff({}), 'needs_answers'],
    [
      'staff, loss of consciousness',
      staff({ specifiedInjury: 'loss_of_consciousness' }),
      'reportable',
    ],
    ['pupil sent home', pupil({ outcome: 'sent_home' }), 'not_reportable'],
    [
      'pupil to hospital from the scene, work activity',
      pupil({ outcome: 'ambulance_called', takenDirectlyToHospital: true, workRelated: true }),
      'reportable',
    ],
    [
      'pupil to hospital, no work activity (a playground fall with nothing wrong)',
      pupil({ outcome: 'hospital', takenDirectlyToHospital: true, workRelated: false }),
      'not_reportable',
    ],
    [
      'pupil to hospital, questions open',
      pupil({ outcome: 'hospital', workRelated: null }),
      'needs_answers',
    ],
    [
      'visitor taken later, not from the scene',
      pupil({ personKind: 'visitor', outcome: 'hospital', takenDirectlyToHospital: false }),
      'not_reportable',
    ],
  ])('%s', (_label, facts, expected) => {
    expect(assessRiddor(facts, facts.accidentDate).suggestion).toBe(expected);
  });

  it('is overdue once the deadline has passed unreported, unless decided otherwise', () => {
    const facts = staff({ accidentDate: '2026-03-02', incapacityDays: 10 });
    expect(assessRiddor(facts, '2026-03-17').overdue).toBe(false);
    expect(assessRiddor(facts, '2026-03-18').overdue).toBe(true);
    expect(assessRiddor({ ...facts, reportedOn: '2026-03-10' }, '2026-04-01').overdue).toBe(false);
    expect(assessRiddor({ ...facts, decision: 'not_reportable' }, '2026-04-01').overdue).toBe(
      false,
    );
  });
});
