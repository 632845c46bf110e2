import { Link, useNavigate, useParams } from 'react-router';
import { isNotFound } from '../../app/api';
import { noticeState } from '../../app/notice';
import { Loading } from '../../components/Loading';
import { NotFoundMessage } from '../../components/NotFoundMessage';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSchoolQuery, useUpdateSchoolMutation } from './queries';
import { SchoolForm } from './SchoolForm';
import type { SchoolFormValues } from './SchoolForm';

export function EditSchoolPage() {
  const schoolId = useParams().schoolId ?? '';
  const navigate = useNavigate();
  const school = useSchoolQuery(schoolId);
  const updateSchool = useUpdateSchoolMutation(schoolId);

  const handleSubmit = (values: SchoolFormValues) => {
    updateSchool.mutate(
      { name: values.name, urn: values.urn, wondeSchoolId: values.wondeSchoolId || null },
      {
        onSuccess: (saved) =>
          void navigate('/', { state: noticeState(`${saved.name} has been updated.`) }),
      },
    );
  };

  return (
    <>
      <PageHeader
        title={school.data ? `Edit ${school.data.name}` : 'Edit school'}
        back={<Link to="/">All schools</Link>}
      />
      {school.isPending && <Loading />}
      {school.isError &&
        (isNotFound(school.error) ? (
          <NotFoundMessage what="school" backTo="/" backLabel="Go to all schools" />
        ) : (
          <QueryError error={school.error} onRetry={() => void school.refetch()} />
        ))}
      {school.data && (
        <SchoolForm
          initialValues={{
            name: school.data.name,
            urn: school.data.urn,
            wondeSchoolId: school.data.wondeSchoolId ?? '',
          }}
          submitLabel="Save changes"
          isPending={updateSchool.isPending}
          error={updateSchool.error}
          onSubmit={handleSubmit}
        />
      )}
    </>
  );
}
