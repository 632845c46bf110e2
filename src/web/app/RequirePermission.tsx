import { Link, Outlet } from 'react-router';
import type { Permission } from '../../shared/api';
import { PageHeader } from '../components/PageHeader';
import { useCan } from '../features/auth/session';

/**
 * Pages for those who may use them (mostly administrators); the server refuses the data to
 * anyone else in any case.
 */
export function RequirePermission({ needs }: { needs: Permission }) {
  if (useCan(needs)) return <Outlet />;
  return (
    <>
      <PageHeader title="Not available to you" />
      <p>
        This page is for administrators; some settings belong to the whole organisation and only an
        administrator of all its schools can change them. Ask an administrator if you need something
        changed.
      </p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </>
  );
}
