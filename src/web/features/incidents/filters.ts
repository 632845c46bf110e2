import type { IncidentFilters } from '../../../shared/incidents-api';
import { isDateOnly } from '../../components/london-time';
import { categoryLabels, personKindLabels, statusLabels } from './describe';

export type RiddorFilter = NonNullable<IncidentFilters['riddor']>;

export const riddorFilterLabels: Record<RiddorFilter, string> = {
  awaiting: 'Awaiting a decision',
  overdue: 'Overdue',
  reportable: 'Reportable',
  reported: 'Reported',
};

/** National Curriculum years as the MIS gives them, in school order. */
export const yearGroups = [
  'N1',
  'N2',
  'R',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
];

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<K extends string>(labels: Record<K, string>, value: string | null): K | undefined {
  return value !== null && Object.hasOwn(labels, value) ? (value as K) : undefined;
}

/** The filters in an address's query; anything unknown or malformed is left out. */
export function filtersFromSearch(search: URLSearchParams): IncidentFilters {
  const filters: IncidentFilters = {};
  const schoolId = search.get('schoolId');
  if (schoolId && uuidPattern.test(schoolId)) filters.schoolId = schoolId;
  const from = search.get('from');
  if (from && isDateOnly(from)) filters.from = from;
  const to = search.get('to');
  if (to && isDateOnly(to)) filters.to = to;
  const category = oneOf(categoryLabels, search.get('category'));
  if (category) filters.category = category;
  const status = oneOf(statusLabels, search.get('status'));
  if (status) filters.status = status;
  const personType = oneOf(personKindLabels, search.get('personType'));
  if (personType) filters.personType = personType;
  const yearGroup = search.get('yearGroup');
  if (yearGroup && yearGroup.length <= 10) filters.yearGroup = yearGroup;
  const riddor = oneOf(riddorFilterLabels, search.get('riddor'));
  if (riddor) filters.riddor = riddor;
  if (search.get('headInjury') === 'true') filters.headInjury = 'true';
  if (search.get('unmatched') === 'true') filters.unmatched = 'true';
  const q = search.get('q')?.trim();
  if (q) filters.q = q.slice(0, 100);
  return filters;
}

/** The filters as an address's query, in a stable order. */
export function searchFromFilters(filters: IncidentFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  search.sort();
  return search;
}

export function hasFilters(filters: IncidentFilters): boolean {
  return Object.keys(filters).length > 0;
}
