import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { QueryError } from '../components/QueryError';
import { SessionContext, useMeQuery, wasSignedOutOnPurpose } from '../features/auth/session';

type RequireAuthProps = { children: ReactNode };

/** Renders its children for a signed-in person; anyone else goes to the sign-in page. */
export function RequireAuth({ children }: RequireAuthProps) {
  const me = useMeQuery();
  const location = useLocation();

  if (me.isPending) {
    return (
      <div className="centred-page">
        <Loading />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="centred-page">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    const target = location.pathname + location.search;
    const keepTarget = target !== '/' && !wasSignedOutOnPurpose();
    const to = keepTarget ? `/sign-in?next=${encodeURIComponent(target)}` : '/sign-in';
    return <Navigate to={to} replace />;
  }
  return <SessionContext value={me.data}>{children}</SessionContext>;
}
