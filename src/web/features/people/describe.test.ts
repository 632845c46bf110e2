import { describe, expect, it } from 'vitest';
import type { PersonSearchResult } from '../../../shared/people-api';
import { affectedPersonProblem } from './affected-person';
import { incidentsLabel, roleOrYear, yearGroupLabel } from './describe';

const pupil: PersonSearchResult = {
  id: '6f1d2a52-3c1e-4c61-9a55-0d4c1f7c3b11',
  type: 'pupil',
  firstName: 'Oliver',
  lastName: 'Smith',
  schoolId: '0b7c1c8e-5b1f-4b7e-8d0e-2f9c6b1d4a22',
  schoolName: 'Oakfield Primary School',
  yearGroup: '7',
  occupation: null,
  status: 'current',
  incidentCount: 0,
  repeat: false,
};

describe('yearGroupLabel', () => {
  it.each([
    ['7', 'Year 7'],
    ['12', 'Year 12'],
    ['07', 'Year 7'],
    ['Y9', 'Year 9'],
    ['R', 'Reception'],
    ['N1', 'Nursery'],
    ['N2', 'Nursery'],
    ['Other', 'Other'],
  ])('words %s as %s', (given, expected) => {
    expect(yearGroupLabel(given)).toBe(expected);
  });
});

describe('roleOrYear', () => {
  it('gives a pupil’s year group and a member of staff’s job title', () => {
    expect(roleOrYear(pupil)).toBe('Year 7');
    expect(roleOrYear({ ...pupil, yearGroup: null })).toBeNull();
    expect(
      roleOrYear({ ...pupil, type: 'staff', yearGroup: null, occupation: 'Teaching Assistant' }),
    ).toBe('Teaching Assistant');
    expect(roleOrYear({ ...pupil, type: 'staff', yearGroup: null, occupation: ' ' })).toBeNull();
  });
});

describe('incidentsLabel', () => {
  it('counts in words', () => {
    expect(incidentsLabel(1)).toBe('1 incident');
    expect(incidentsLabel(3)).toBe('3 incidents');
    expect(incidentsLabel(1200)).toBe('1,200 incidents');
  });
});

describe('affectedPersonProblem', () => {
  it('asks for a person, and a name for someone entered by hand', () => {
    expect(affectedPersonProblem(null)).toMatch(/^Choose the person/);
    expect(affectedPersonProblem({ kind: 'directory', person: pupil })).toBeNull();
    const manual = { kind: 'manual', personType: 'visitor', name: ' ', contact: '' } as const;
    expect(affectedPersonProblem(manual)).toBe('Enter the person’s full name.');
    expect(affectedPersonProblem({ ...manual, name: 'Sam Jones' })).toBeNull();
  });
});
