import { Link, useNavigate } from 'react-router';
import { noticeState } from '../../app/notice';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSchoolsQuery } from '../schools/queries';
import { useCreateUserMutation } from './queries';
import { UserForm } from './UserForm';
import type { UserFormValues } from './UserForm';

export function NewUserPage() {
  const navigate = useNavigate();
  const schools = useSchoolsQuery();
  const createUser = useCreateUserMutation();

  const handleSubmit = (values: UserFormValues) => {
    createUser.mutate(
      {
        email: values.email,
        name: values.name,
        role: values.role,
        allSchools: values.allSchools,
        schoolIds: values.allSchools ? [] : values.schoolIds,
        password: values.password,
      },
      {
        onSuccess: (user) =>
          void navigate('/users', {
            state: noticeState(`${user.name} has been added and can now sign in.`),
          }),
      },
    );
  };

  return (
    <>
      <PageHeader title="Add a user" back={<Link to="/users">All users</Link>} />
      {schools.isPending && <Loading />}
      {schools.isError && (
        <QueryError error={schools.error} onRetry={() => void schools.refetch()} />
      )}
      {schools.data && (
        <UserForm
          mode="create"
          initialValues={{
            email: '',
            name: '',
            role: 'reporter',
            allSchools: schools.data.length === 1,
            schoolIds: [],
            password: '',
          }}
          schools={schools.data}
          submitLabel="Add user"
          isPending={createUser.isPending}
          error={createUser.error}
          cancelTo="/users"
          onSubmit={handleSubmit}
        />
      )}
    </>
  );
}
