import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { School } from '../../../shared/api';
import { isNotFound } from '../../app/api';
import { useNotice } from '../../app/notice';
import { Loading } from '../../components/Loading';
import { NotFoundMessage } from '../../components/NotFoundMessage';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useCan } from '../auth/session';
import { PlacesSection } from '../locations/PlacesSection';
import { WondeConnectionSection } from '../wonde/WondeConnectionSection';
import { useSchoolQuery, useUpdateSchoolMutation } from './queries';
import { SchoolForm } from './SchoolForm';
import type { SchoolFormValues } from './SchoolForm';

/** A school's settings: details, places and Wonde connection. Read-only for non-admins. */
export function SchoolPage() {
  const schoolId = useParams().schoolId ?? '';
  const school = useSchoolQuery(schoolId);
  const notice = useNotice();
  const canManagePlaces = useCan('location.manage');

  return (
    <>
      <PageHeader
        title={school.data?.name ?? 'School'}
        description={school.data && `URN ${school.data.urn}`}
        back={<Link to="/schools">All schools</Link>}
      />
      <StatusMessage message={notice} />
      {school.isPending && <Loading />}
      {school.isError &&
        (isNotFound(school.error) ? (
          <NotFoundMessage what="school" backTo="/schools" backLabel="Go to all schools" />
        ) : (
          <QueryError error={school.error} onRetry={() => void school.refetch()} />
        ))}
      {school.data && (
        <>
          <SchoolDetailsSection school={school.data} />
          {canManagePlaces && <PlacesSection schoolId={school.data.id} />}
          <WondeConnectionSection school={school.data} />
        </>
      )}
    </>
  );
}

function SchoolDetailsSection({ school }: { school: School }) {
  const isAdmin = useCan('school.edit');
  const updateSchool = useUpdateSchoolMutation(school.id);
  const [notice, setNotice] = useState<string | null>(null);

  const handleSubmit = (values: SchoolFormValues) => {
    setNotice(null);
    updateSchool.mutate(values, { onSuccess: () => setNotice('Changes saved.') });
  };

  return (
    <section className="card" aria-labelledby="school-details">
      <h2 id="school-details" className="card__title">
        School details
      </h2>
      {isAdmin ? (
        <>
          <StatusMessage message={notice} />
          <SchoolForm
            key={school.id}
            initialValues={{ name: school.name, urn: school.urn }}
            submitLabel="Save changes"
            isPending={updateSchool.isPending}
            error={updateSchool.error}
            onSubmit={handleSubmit}
          />
        </>
      ) : (
        <dl className="summary-list">
          <div>
            <dt>Name</dt>
            <dd>{school.name}</dd>
          </div>
          <div>
            <dt>URN</dt>
            <dd>{school.urn}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
