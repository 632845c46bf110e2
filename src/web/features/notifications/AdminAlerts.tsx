import { Link } from 'react-router';
import { useSession } from '../auth/session';
import { describeAlert } from './describe';

/**
 * Under the header on every page, for administrators: each school whose Wonde access was
 * revoked, declined or has gone wrong, with a link to put it right.
 */
export function AdminAlerts() {
  // The server sends alerts only to those who can act on them.
  const { alerts } = useSession();
  if (alerts.length === 0) return null;
  return (
    <section className="admin-alerts no-print" aria-label="Needs an administrator">
      <ul className="admin-alerts__list">
        {alerts.map((alert) => {
          const { sentence, todo } = describeAlert(alert);
          return (
            <li key={`${alert.kind}-${alert.schoolId}`} className="admin-alerts__item">
              <span className="admin-alerts__icon" aria-hidden="true">
                !
              </span>
              <span>
                {sentence}{' '}
                <Link to={`/schools/${alert.schoolId}`} className="admin-alerts__link">
                  {todo}
                </Link>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
