import { Link, useNavigate } from 'react-router';
import { noticeState } from '../../app/notice';
import { PageHeader } from '../../components/PageHeader';
import { useCreateSchoolMutation } from './queries';
import { SchoolForm } from './SchoolForm';
import type { SchoolFormValues } from './SchoolForm';

export function NewSchoolPage() {
  const navigate = useNavigate();
  const createSchool = useCreateSchoolMutation();

  const handleSubmit = (values: SchoolFormValues) => {
    createSchool.mutate(values, {
      onSuccess: (school) =>
        void navigate(`/schools/${school.id}`, {
          state: noticeState(`${school.name} has been added. You can now connect it to Wonde.`),
        }),
    });
  };

  return (
    <>
      <PageHeader title="Add a school" back={<Link to="/schools">All schools</Link>} />
      <SchoolForm
        initialValues={{ name: '', urn: '' }}
        submitLabel="Add school"
        isPending={createSchool.isPending}
        error={createSchool.error}
        cancelTo="/"
        onSubmit={handleSubmit}
      />
    </>
  );
}
