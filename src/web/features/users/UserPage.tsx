import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { School, User } from '../../../shared/api';
import { isNotFound } from '../../app/api';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { NotFoundMessage } from '../../components/NotFoundMessage';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useSession } from '../auth/session';
import { useSchoolsQuery } from '../schools/queries';
import { useUpdateUserMutation, useUserQuery } from './queries';
import { ResetPasswordForm } from './ResetPasswordForm';
import { UserForm } from './UserForm';
import type { UserFormValues } from './UserForm';
import { UserStatusSection } from './UserStatusSection';

export function UserPage() {
  const userId = useParams().userId ?? '';
  const user = useUserQuery(userId);
  const schools = useSchoolsQuery();

  const error = user.error ?? schools.error;
  return (
    <>
      <PageHeader
        title={user.data?.name ?? 'User'}
        description={user.data?.email}
        back={<Link to="/users">All users</Link>}
      />
      {(user.isPending || schools.isPending) && !error && <Loading />}
      {error && isNotFound(user.error) && (
        <NotFoundMessage what="user" backTo="/users" backLabel="Go to all users" />
      )}
      {error && !isNotFound(user.error) && (
        <QueryError
          error={error}
          onRetry={() => {
            void user.refetch();
            void schools.refetch();
          }}
        />
      )}
      {user.data && schools.data && <UserDetails user={user.data} schools={schools.data} />}
    </>
  );
}

function UserDetails({ user, schools }: { user: User; schools: School[] }) {
  const session = useSession();
  const isSelf = session.user.id === user.id;
  const updateUser = useUpdateUserMutation(user.id);
  const [notice, setNotice] = useState<string | null>(null);

  const handleSubmit = (values: UserFormValues) => {
    setNotice(null);
    updateUser.mutate(
      {
        name: values.name,
        role: values.role,
        allSchools: values.allSchools,
        schoolIds: values.allSchools ? [] : values.schoolIds,
      },
      { onSuccess: () => setNotice('Changes saved.') },
    );
  };

  return (
    <>
      <p className="meta-line">
        {user.active ? (
          <span className="badge badge--success">Active</span>
        ) : (
          <span className="badge badge--muted">Deactivated</span>
        )}
        <span>
          Last signed in: {user.lastSignInAt ? <DateTime value={user.lastSignInAt} /> : 'never'}
        </span>
        <span>
          Added: <DateTime value={user.createdAt} />
        </span>
      </p>

      <section className="card" aria-labelledby="user-access">
        <h2 id="user-access" className="card__title">
          Name, role and schools
        </h2>
        {isSelf && (
          <p className="muted">
            This is your own account. If you give yourself a role other than administrator you will
            no longer be able to manage users.
          </p>
        )}
        <StatusMessage message={notice} />
        <UserForm
          key={user.id}
          mode="edit"
          initialValues={{
            email: user.email,
            name: user.name,
            role: user.role,
            allSchools: user.allSchools,
            schoolIds: user.schoolIds,
            password: '',
          }}
          schools={schools}
          submitLabel="Save changes"
          isPending={updateUser.isPending}
          error={updateUser.error}
          cancelTo="/users"
          onSubmit={handleSubmit}
        />
      </section>

      <ResetPasswordForm user={user} />
      <UserStatusSection user={user} isSelf={isSelf} />
    </>
  );
}
