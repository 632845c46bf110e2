import { Link } from 'react-router';
import { useNotice } from '../../app/notice';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useCan, useSession } from '../auth/session';
import { useSchoolsQuery } from './queries';

export function SchoolsPage() {
  const { organisation } = useSession();
  const isAdmin = useCan('school.create');
  const schools = useSchoolsQuery();
  const notice = useNotice();

  return (
    <>
      <PageHeader
        title="Schools"
        description={
          organisation.kind === 'trust'
            ? `The schools of ${organisation.name} that you can see.`
            : `${organisation.name}.`
        }
        actions={
          isAdmin && (
            <Link to="/schools/new" className="button">
              Add school
            </Link>
          )
        }
      />
      <StatusMessage message={notice} />
      {schools.isPending && <Loading label="Loading schools…" />}
      {schools.isError && (
        <QueryError error={schools.error} onRetry={() => void schools.refetch()} />
      )}
      {schools.data?.length === 0 && (
        <div className="empty">
          {isAdmin ? (
            <p>There are no schools yet. Add your first school to get started.</p>
          ) : (
            <p>You have not been given access to any school yet. Ask an administrator.</p>
          )}
        </div>
      )}
      {schools.data && schools.data.length > 0 && (
        <div className="table-wrap">
          <table className="table table--stack">
            <caption className="visually-hidden">Schools</caption>
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">URN</th>
                <th scope="col">Wonde</th>
              </tr>
            </thead>
            <tbody>
              {schools.data.map((school) => (
                <tr key={school.id}>
                  <th scope="row" data-label="School">
                    <Link to={`/schools/${school.id}`} className="strong-link">
                      {school.name}
                    </Link>
                  </th>
                  <td data-label="URN" className="numeric">
                    {school.urn}
                  </td>
                  <td data-label="Wonde">
                    {school.wondeSchoolId ? (
                      <code>{school.wondeSchoolId}</code>
                    ) : (
                      <span className="badge badge--muted">Not connected</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
