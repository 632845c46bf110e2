import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { IncidentFilters, Patterns } from '../../../shared/incidents-api';
import { Loading } from '../../components/Loading';
import { addDays, formatDate, isDateOnly, todayInLondon } from '../../components/london-time';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useSession } from '../auth/session';
import { categoryLabels, countIncidents } from '../incidents/describe';
import { searchFromFilters } from '../incidents/filters';
import { useCanManageIncidents } from '../incidents/permissions';
import { useIncidentCountQuery, usePatternsQuery } from '../incidents/queries';
import { yearGroupLabel } from '../people/describe';
import { PatternChart } from './PatternChart';
import type { ChartRow } from './PatternChart';

type Period = { schoolId: string; from: string; to: string };

const uuidPattern = /^[0-9a-f-]{36}$/i;

function periodFrom(search: URLSearchParams): Period {
  const today = todayInLondon();
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const schoolId = search.get('schoolId') ?? '';
  return {
    schoolId: uuidPattern.test(schoolId) ? schoolId : '',
    from: isDateOnly(from) ? from : addDays(today, -29),
    to: isDateOnly(to) ? to : today,
  };
}

function filtersOf(period: Period): IncidentFilters {
  return {
    from: period.from,
    to: period.to,
    ...(period.schoolId ? { schoolId: period.schoolId } : {}),
  };
}

/** Patterns across the incidents of a school or the whole trust, for managers. */
export function DashboardPage() {
  const canManage = useCanManageIncidents();
  const [search, setSearch] = useSearchParams();
  const period = periodFrom(search);
  const filters = filtersOf(period);

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Patterns in the incidents logged: what, where, when and who. Times are UK time."
      />
      {!canManage ? (
        <p>The dashboard is for managers and administrators.</p>
      ) : (
        <>
          <PeriodForm
            key={`${period.schoolId}|${period.from}|${period.to}`}
            period={period}
            onApply={(next) => setSearch(new URLSearchParams(next))}
          />
          <DashboardBody filters={filters} period={period} />
        </>
      )}
    </>
  );
}

function PeriodForm({ period, onApply }: { period: Period; onApply: (period: Period) => void }) {
  const id = useId();
  const { schools, organisation } = useSession();
  const [draft, setDraft] = useState(period);
  const [problem, setProblem] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isDateOnly(draft.from) || !isDateOnly(draft.to)) {
      setProblem('Enter both dates.');
      return;
    }
    if (draft.from > draft.to) {
      setProblem('The start date is after the end date.');
      return;
    }
    setProblem(null);
    onApply(draft);
  };

  return (
    <form className="filters" onSubmit={handleSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Period and school
      </h2>
      {problem && (
        <p role="alert" className="alert alert--error">
          {problem}
        </p>
      )}
      <div className="filters__grid">
        {schools.length > 1 && (
          <SelectField
            label="School"
            value={draft.schoolId}
            onChange={(event) => setDraft({ ...draft, schoolId: event.target.value })}
          >
            <option value="">
              {organisation.kind === 'trust' ? 'Whole trust' : 'All your schools'}
            </option>
            {schools.map((school) => (
              <option key={school.id} value={school.id}>
                {school.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          label="From"
          type="date"
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
        <TextField
          label="To"
          type="date"
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button">
          Show
        </button>
      </div>
    </form>
  );
}

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const yearOrder = ['N1', 'N2', 'N', 'R'];

function yearRank(key: string): number {
  const index = yearOrder.indexOf(key.toUpperCase());
  if (index >= 0) return index;
  const number = /^(?:y|year\s*)?(\d{1,2})$/i.exec(key.trim())?.[1];
  return number ? 10 + Number(number) : 100;
}

function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** The charts' rows, in a reading order: busiest first, or the order of the day and week. */
function chartRows(patterns: Patterns) {
  const byCategory: ChartRow[] = [...patterns.byCategory]
    .sort((a, b) => b.count - a.count)
    .map((row) => ({ key: row.key, label: categoryLabels[row.key], count: row.count }));
  const byLocation: ChartRow[] = [...patterns.byLocation]
    .sort((a, b) => b.count - a.count)
    .slice(0, 10)
    .map((row) => ({ key: row.key, label: row.key || 'Not recorded', count: row.count }));

  const hours = patterns.byHour.map((row) => row.key);
  const first = Math.min(8, ...hours);
  const last = Math.max(17, ...hours);
  const byHour: ChartRow[] = [];
  for (let hour = first; hour <= last; hour += 1) {
    const count = patterns.byHour.find((row) => row.key === hour)?.count ?? 0;
    byHour.push({ key: String(hour), label: hourLabel(hour), count });
  }

  // Monday first; a Sunday may come as 0 or as 7.
  const byWeekday: ChartRow[] = weekdays.map((day, index) => {
    const number = index + 1;
    const count = patterns.byWeekday
      .filter((row) => row.key === number || (number === 7 && row.key === 0))
      .reduce((sum, row) => sum + row.count, 0);
    return { key: String(number), label: day, count, axisLabel: day.slice(0, 3) };
  });

  const byYearGroup: ChartRow[] = [...patterns.byYearGroup]
    .sort((a, b) => yearRank(a.key) - yearRank(b.key) || a.key.localeCompare(b.key))
    .map((row) => ({ key: row.key, label: yearGroupLabel(row.key), count: row.count }));
  const bySchool: ChartRow[] = [...patterns.bySchool]
    .sort((a, b) => b.count - a.count)
    .map((row) => ({ key: row.key, label: row.name, count: row.count }));
  return { byCategory, byLocation, byHour, byWeekday, byYearGroup, bySchool };
}

function DashboardBody({ filters, period }: { filters: IncidentFilters; period: Period }) {
  const { organisation, schools } = useSession();
  const patterns = usePatternsQuery(filters);

  if (patterns.isPending) return <Loading label="Loading the dashboard…" />;
  if (patterns.isError) {
    return <QueryError error={patterns.error} onRetry={() => void patterns.refetch()} />;
  }
  const rows = chartRows(patterns.data);
  const showSchools = schools.length > 1 && !period.schoolId;
  const scope = period.schoolId
    ? (schools.find((school) => school.id === period.schoolId)?.name ?? 'One school')
    : organisation.kind === 'trust'
      ? 'The whole trust'
      : 'All your schools';

  return (
    <>
      <p className="dashboard__scope">
        {scope}, {formatDate(period.from)} to {formatDate(period.to)}
      </p>
      <Headlines filters={filters} total={patterns.data.total} />
      <div className="dashboard__grid">
        <PatternChart title="By category" keyLabel="Category" rows={rows.byCategory} isHorizontal />
        <PatternChart
          title="By place (top 10)"
          keyLabel="Place"
          rows={rows.byLocation}
          isHorizontal
        />
        <PatternChart title="By time of day" keyLabel="Hour" rows={rows.byHour} />
        <PatternChart title="By day of the week" keyLabel="Day" rows={rows.byWeekday} />
        <PatternChart
          title="By year group"
          keyLabel="Year group"
          rows={rows.byYearGroup}
          empty="No incidents to pupils in this period."
        />
        {showSchools && (
          <PatternChart title="By school" keyLabel="School" rows={rows.bySchool} isHorizontal />
        )}
      </div>
      <RepeatPeople people={patterns.data.repeatPeople} />
    </>
  );
}

function Headline({
  label,
  filters,
  count,
  isWarning = false,
}: {
  label: string;
  filters: IncidentFilters;
  count: number | undefined;
  isWarning?: boolean;
}) {
  return (
    <div className={isWarning && count ? 'headline headline--warning' : 'headline'}>
      <dt>{label}</dt>
      <dd>
        {count === undefined ? (
          <span className="muted">…</span>
        ) : (
          <Link to={`/incidents?${searchFromFilters(filters).toString()}`}>
            {count.toLocaleString('en-GB')}
            <span className="visually-hidden">: see them in the list</span>
          </Link>
        )}
      </dd>
    </div>
  );
}

function Headlines({ filters, total }: { filters: IncidentFilters; total: number }) {
  const headFilters = { ...filters, headInjury: 'true' as const };
  const openFilters = { ...filters, status: 'open' as const };
  const awaitingFilters = { ...filters, riddor: 'awaiting' as const };
  const overdueFilters = { ...filters, riddor: 'overdue' as const };
  const heads = useIncidentCountQuery(headFilters);
  const stillOpen = useIncidentCountQuery(openFilters);
  const awaiting = useIncidentCountQuery(awaitingFilters);
  const overdue = useIncidentCountQuery(overdueFilters);

  return (
    <dl className="headlines" aria-label="Headline figures">
      <Headline label="Incidents" filters={filters} count={total} />
      <Headline label="Head injuries" filters={headFilters} count={heads.data} />
      <Headline label="Still open" filters={openFilters} count={stillOpen.data} />
      <Headline
        label="RIDDOR decisions needed"
        filters={awaitingFilters}
        count={awaiting.data}
        isWarning
      />
      <Headline
        label="RIDDOR reports overdue"
        filters={overdueFilters}
        count={overdue.data}
        isWarning
      />
    </dl>
  );
}

function RepeatPeople({ people }: { people: Patterns['repeatPeople'] }) {
  return (
    <section className="card" aria-labelledby="repeat-people">
      <h2 id="repeat-people" className="card__title">
        People with repeat incidents
      </h2>
      {people.length === 0 ? (
        <p className="muted">No one has reached the repeat threshold.</p>
      ) : (
        <ul className="repeat-list">
          {[...people]
            .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'en-GB'))
            .map((person) => (
              <li key={person.personId}>
                <Link to={`/people/${person.personId}`} className="strong-link">
                  {person.name}
                </Link>{' '}
                <span className="muted">{person.schoolName}</span>{' '}
                <span className="badge badge--warning">{countIncidents(person.count)}</span>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
