import { useSearchParams } from 'react-router';
import { useNotice } from '../../app/notice';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { useSession } from '../auth/session';
import { exportCsvHref } from './api';
import { filtersFromSearch, hasFilters, searchFromFilters } from './filters';
import { IncidentFiltersForm } from './IncidentFiltersForm';
import { IncidentResults } from './IncidentResults';
import { useIncidentsQuery } from './queries';

export function IncidentsPage() {
  const session = useSession();
  const notice = useNotice();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const incidents = useIncidentsQuery(filters);
  const isFiltered = hasFilters(filters);

  return (
    <>
      <PageHeader
        title="Incidents"
        description="The incident book for your schools. Times are UK time."
        actions={
          <a href={exportCsvHref(filters)} className="button button--secondary" download>
            Export CSV
            {isFiltered && <span className="visually-hidden"> of the filtered incidents</span>}
          </a>
        }
      />
      <StatusMessage message={notice} />
      <IncidentFiltersForm
        key={searchFromFilters(filters).toString()}
        filters={filters}
        schools={session.schools}
        onApply={(next) => setSearch(searchFromFilters(next))}
      />
      <IncidentResults
        query={incidents}
        caption="Incidents, newest first"
        empty={
          isFiltered ? 'No incidents match these filters.' : 'No incidents have been logged yet.'
        }
        showSchool={session.schools.length > 1}
      />
    </>
  );
}
