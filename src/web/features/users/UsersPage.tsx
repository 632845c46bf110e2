import { Link } from 'react-router';
import type { User } from '../../../shared/api';
import { useNotice } from '../../app/notice';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useSchoolsQuery } from '../schools/queries';
import { useUsersQuery } from './queries';
import { roleLabels } from './roles';
import { describeScope } from './scope';

function byStatusThenName(a: User, b: User): number {
  if (a.active !== b.active) return a.active ? -1 : 1;
  return a.name.localeCompare(b.name, 'en-GB');
}

export function UsersPage() {
  const users = useUsersQuery();
  const schools = useSchoolsQuery();
  const notice = useNotice();

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to your organisation, with what they can do and see."
        actions={
          <Link to="/users/new" className="button">
            Add user
          </Link>
        }
      />
      <StatusMessage message={notice} />
      {users.isPending && <Loading label="Loading users…" />}
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <div className="table-wrap">
          <table className="table table--stack">
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Schools</th>
                <th scope="col">Status</th>
                <th scope="col">Last signed in</th>
              </tr>
            </thead>
            <tbody>
              {[...users.data].sort(byStatusThenName).map((user) => (
                <tr key={user.id} className={user.active ? undefined : 'is-inactive'}>
                  <th scope="row" data-label="Name">
                    <Link to={`/users/${user.id}`} className="strong-link">
                      {user.name}
                    </Link>
                    <span className="cell-secondary">{user.email}</span>
                  </th>
                  <td data-label="Role">{roleLabels[user.role]}</td>
                  <td data-label="Schools">{describeScope(user, schools.data ?? [])}</td>
                  <td data-label="Status">
                    {user.active ? (
                      <span className="badge badge--success">Active</span>
                    ) : (
                      <span className="badge badge--muted">Deactivated</span>
                    )}
                  </td>
                  <td data-label="Last signed in">
                    {user.lastSignInAt ? (
                      <DateTime value={user.lastSignInAt} />
                    ) : (
                      <span className="muted">Never</span>
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
