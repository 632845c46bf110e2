import { useRef } from 'react';
import type { ReactNode } from 'react';
import type { Me } from '../../shared/api';
import { safeNextPath } from '../../shared/next-path';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { QueryError } from '../components/QueryError';
import { SessionEndedDialog } from '../features/auth/SessionEndedDialog';
import { SessionContext, useMeQuery, wasSignedOutOnPurpose } from '../features/auth/session';

type RequireAuthProps = { children: ReactNode };

/**
 * Renders its children for a signed-in person; anyone else goes to the sign-in page. A session
 * that ends while a page is open keeps the page and asks for the password over it, so nothing
 * typed is lost.
 */
export function RequireAuth({ children }: RequireAuthProps) {
  const me = useMeQuery();
  const location = useLocation();
  const lastSession = useRef<Me | null>(null);
  if (me.data) lastSession.current = me.data;
  const ended = !me.data && !wasSignedOutOnPurpose() ? lastSession.current : null;

  if (me.isPending) {
    return (
      <div className="centred-page">
        <Loading />
      </div>
    );
  }
  if (me.data) return <SessionContext value={me.data}>{children}</SessionContext>;
  if (ended) {
    return (
      <SessionContext value={ended}>
        {children}
        <SessionEndedDialog user={ended.user} />
      </SessionContext>
    );
  }
  if (me.isError) {
    return (
      <div className="centred-page">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  const target = location.pathname + location.search;
  const keepTarget = target !== '/' && safeNextPath(target) !== null && !wasSignedOutOnPurpose();
  const to = keepTarget ? `/sign-in?next=${encodeURIComponent(target)}` : '/sign-in';
  return <Navigate to={to} replace />;
}
