import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { School } from '../../../shared/api';
import type { IncidentFilters } from '../../../shared/incidents-api';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { yearGroupLabel } from '../people/describe';
import {
  categories,
  categoryLabels,
  personKindLabels,
  personKinds,
  statusLabels,
  statuses,
} from './describe';
import { riddorFilterLabels, yearGroups } from './filters';
import type { RiddorFilter } from './filters';

type IncidentFiltersFormProps = {
  filters: IncidentFilters;
  schools: School[];
  onApply: (filters: IncidentFilters) => void;
};

type Draft = Required<{ [K in keyof IncidentFilters]: string }>;

function draftOf(filters: IncidentFilters): Draft {
  return {
    schoolId: filters.schoolId ?? '',
    from: filters.from ?? '',
    to: filters.to ?? '',
    category: filters.category ?? '',
    status: filters.status ?? '',
    personType: filters.personType ?? '',
    yearGroup: filters.yearGroup ?? '',
    personId: filters.personId ?? '',
    reportedBy: filters.reportedBy ?? '',
    headInjury: filters.headInjury === 'true' ? 'true' : '',
    unmatched: filters.unmatched === 'true' ? 'true' : '',
    riddor: filters.riddor ?? '',
    q: filters.q ?? '',
  };
}

function filtersOf(draft: Draft): IncidentFilters {
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(draft)) {
    const trimmed = value.trim();
    if (trimmed) filters[key] = trimmed;
  }
  // A year group applies to pupils only.
  if (filters.personType && filters.personType !== 'pupil') delete filters.yearGroup;
  return filters;
}

const riddorFilters = Object.keys(riddorFilterLabels) as RiddorFilter[];

/** The list's filters; applying them puts them in the address, so a filtered list can be shared. */
export function IncidentFiltersForm({ filters, schools, onApply }: IncidentFiltersFormProps) {
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(filters));
  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(filtersOf(draft));
  };

  const handleClear = () => {
    const cleared = draftOf(filters.personId ? { personId: filters.personId } : {});
    setDraft(cleared);
    onApply(filtersOf(cleared));
  };

  return (
    <form className="filters" onSubmit={handleSubmit} aria-labelledby={`${id}-title`} role="search">
      <h2 id={`${id}-title`} className="visually-hidden">
        Filter incidents
      </h2>
      <div className="filters__grid">
        <TextField
          label="Search"
          hint="Part of a name, words from what happened, or the incident number."
          type="search"
          className="filters__search"
          value={draft.q}
          onChange={set('q')}
        />
        {schools.length > 1 && (
          <SelectField label="School" value={draft.schoolId} onChange={set('schoolId')}>
            <option value="">All schools</option>
            {schools.map((school) => (
              <option key={school.id} value={school.id}>
                {school.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField label="From" type="date" value={draft.from} onChange={set('from')} />
        <TextField label="To" type="date" value={draft.to} onChange={set('to')} />
        <SelectField label="Category" value={draft.category} onChange={set('category')}>
          <option value="">Any category</option>
          {categories.map((category) => (
            <option key={category} value={category}>
              {categoryLabels[category]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" value={draft.status} onChange={set('status')}>
          <option value="">Any status</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Person" value={draft.personType} onChange={set('personType')}>
          <option value="">Anyone</option>
          {personKinds.map((kind) => (
            <option key={kind} value={kind}>
              {personKindLabels[kind]}
            </option>
          ))}
        </SelectField>
        {(draft.personType === '' || draft.personType === 'pupil') && (
          <SelectField label="Year group" value={draft.yearGroup} onChange={set('yearGroup')}>
            <option value="">Any year</option>
            {yearGroups.map((year) => (
              <option key={year} value={year}>
                {year === 'N1' || year === 'N2' ? `Nursery (${year})` : yearGroupLabel(year)}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label="RIDDOR" value={draft.riddor} onChange={set('riddor')}>
          <option value="">Any</option>
          {riddorFilters.map((riddor) => (
            <option key={riddor} value={riddor}>
              {riddorFilterLabels[riddor]}
            </option>
          ))}
        </SelectField>
        <div className="choice filters__check">
          <input
            type="checkbox"
            id={`${id}-head`}
            checked={draft.headInjury === 'true'}
            onChange={(event) =>
              setDraft((current) => ({
                ...current,
                headInjury: event.target.checked ? 'true' : '',
              }))
            }
          />
          <label htmlFor={`${id}-head`} className="choice__label">
            Head injuries only
          </label>
        </div>
        <div className="choice filters__check">
          <input
            type="checkbox"
            id={`${id}-unmatched`}
            checked={draft.unmatched === 'true'}
            onChange={(event) =>
              setDraft((current) => ({
                ...current,
                unmatched: event.target.checked ? 'true' : '',
              }))
            }
          />
          <label htmlFor={`${id}-unmatched`} className="choice__label">
            People still to match only
          </label>
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <button type="button" className="button button--secondary" onClick={handleClear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
