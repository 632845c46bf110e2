import { Navigate } from 'react-router';
import { useCan } from '../features/auth/session';

/**
 * Where each role starts: managers and admins on what needs them, those who log incidents on
 * the form, viewers on the book.
 */
export function Landing() {
  const canReview = useCan('attention.read');
  const canLog = useCan('incident.create');
  const to = canReview ? '/attention' : canLog ? '/incidents/new' : '/incidents';
  return <Navigate to={to} replace />;
}
