import { Link, Outlet } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { useIsAdmin } from '../features/auth/session';

/** Pages for administrators only; the server refuses the data to anyone else in any case. */
export function RequireAdmin() {
  const isAdmin = useIsAdmin();
  if (isAdmin) return <Outlet />;
  return (
    <>
      <PageHeader title="Administrators only" />
      <p>
        This page is for administrators. Ask an administrator of your organisation if you need
        something changed.
      </p>
      <p>
        <Link to="/">Go to your schools</Link>
      </p>
    </>
  );
}
