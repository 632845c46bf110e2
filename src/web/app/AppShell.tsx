import { useEffect, useRef, useState } from 'react';
import type { Permission } from '../../shared/api';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { QueryError } from '../components/QueryError';
import { useLogoutMutation, useSession } from '../features/auth/session';
import { OutboxProvider, useOutbox } from '../features/incidents/OutboxProvider';
import { OutboxStatus, waitingLabel } from '../features/incidents/OutboxStatus';
import { canLogIncidents, canManageIncidents } from '../features/incidents/permissions';
import { AdminAlerts } from '../features/notifications/AdminAlerts';
import { useHasDemoMailbox } from '../features/notifications/queries';
import { attentionCount, useAttentionQuery } from '../features/attention/queries';
import { roleLabels } from '../features/users/roles';
import { tidyDevice } from './device-data';
import { OfflineBanner } from './OfflineBanner';

type NavItem = { to: string; label: string; isEnd?: boolean; needs?: Permission };

const everyoneNav: NavItem[] = [
  { to: '/incidents', label: 'Incidents' },
  { to: '/schools', label: 'Schools' },
  { to: '/people', label: 'People' },
];
const managerNav: NavItem[] = [
  { to: '/attention', label: 'Needs attention' },
  { to: '/dashboard', label: 'Dashboard' },
];
const adminNav: NavItem[] = [
  { to: '/users', label: 'Users', needs: 'user.manage' },
  { to: '/audit', label: 'Audit log', needs: 'audit.read' },
  { to: '/organisation', label: 'Organisation', needs: 'organisation.edit' },
  { to: '/settings/templates', label: 'Templates', needs: 'template.edit' },
];
const demoNav: NavItem[] = [{ to: '/mail', label: 'Mail (demo)' }];
const accountNav: NavItem[] = [{ to: '/account', label: 'Your account' }];

export function AppShell() {
  useEffect(tidyDevice, []);
  return (
    <OutboxProvider>
      <Shell />
    </OutboxProvider>
  );
}

function Shell() {
  const session = useSession();
  const { user, organisation } = session;
  const logout = useLogoutMutation();
  const { items } = useOutbox();
  const [isConfirmingSignOut, setIsConfirmingSignOut] = useState(false);
  // Signing out deletes what waits on the device: ask first.
  const signOut = () => (items.length > 0 ? setIsConfirmingSignOut(true) : logout.mutate());
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const previousPath = useRef(pathname);

  const [isMenuOpen, setIsMenuOpen] = useState(false);

  // After moving to another page, put keyboard and screen reader focus on its heading (and fold
  // the phone menu away).
  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    setIsMenuOpen(false);
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    (heading ?? mainRef.current)?.focus();
  }, [pathname]);

  const hasDemoMailbox = useHasDemoMailbox();
  const attention = useAttentionQuery(session.permissions.includes('attention.read'));
  const waitingCount = attention.data ? attentionCount(attention.data) : 0;

  const nav = [
    ...(canManageIncidents(session) ? managerNav : []),
    ...everyoneNav,
    ...adminNav.filter((item) => item.needs && session.permissions.includes(item.needs)),
    ...(hasDemoMailbox ? demoNav : []),
    ...accountNav,
  ];

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__text">
              <span className="brand__product">Plaster</span>
              <span className="brand__org">{organisation.name}</span>
            </span>
          </Link>
          <div className="topbar__user">
            {canLogIncidents(session) && (
              <Link to="/incidents/new" className="button log-button">
                <span aria-hidden="true" className="log-button__plus">
                  +
                </span>
                Log an incident
              </Link>
            )}
            <span className="topbar__who">
              <span className="topbar__name">{user.name}</span>
              <span className="badge badge--on-dark">{roleLabels[user.role]}</span>
            </span>
            <button
              type="button"
              className="button button--on-dark button--small"
              onClick={signOut}
              disabled={logout.isPending}
            >
              {logout.isPending ? 'Signing out…' : 'Sign out'}
            </button>
            {/* On a phone the menu folds behind this button; on a wider screen it is hidden. */}
            <button
              type="button"
              className="button button--on-dark button--small nav-toggle"
              aria-expanded={isMenuOpen}
              aria-controls="main-nav"
              onClick={() => setIsMenuOpen((open) => !open)}
            >
              Menu
              {waitingCount > 0 && !isMenuOpen && (
                <span className="badge badge--warning nav-toggle__count">{waitingCount}</span>
              )}
            </button>
          </div>
        </div>
        <nav
          className="nav"
          id="main-nav"
          aria-label="Main"
          data-open={isMenuOpen}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && isMenuOpen) {
              setIsMenuOpen(false);
              document.querySelector<HTMLElement>('.nav-toggle')?.focus();
            }
          }}
        >
          <ul className="nav__list">
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.isEnd} className="nav__link">
                  {item.label}
                  {item.to === '/attention' && waitingCount > 0 && (
                    <span className="nav__count">
                      {' '}
                      <span className="badge badge--warning">{waitingCount}</span>
                      <span className="visually-hidden"> waiting</span>
                    </span>
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <OfflineBanner />
      </header>
      <OutboxStatus />
      <AdminAlerts />
      <ConfirmDialog
        isOpen={isConfirmingSignOut}
        title="Sign out and delete what has not been sent?"
        confirmLabel="Sign out and delete"
        isDestructive
        isPending={logout.isPending}
        onConfirm={() =>
          logout.mutate(undefined, { onSettled: () => setIsConfirmingSignOut(false) })
        }
        onCancel={() => setIsConfirmingSignOut(false)}
      >
        <p>
          {waitingLabel(items.length)} on this device. Signing out deletes{' '}
          {items.length === 1 ? 'it' : 'them'} from this device, and Plaster will never receive{' '}
          {items.length === 1 ? 'it' : 'them'}. Stay signed in until the connection returns to send{' '}
          {items.length === 1 ? 'it' : 'them'}.
        </p>
      </ConfirmDialog>
      <main id="main" ref={mainRef} className="main" tabIndex={-1}>
        {logout.error && <QueryError error={logout.error} onRetry={() => logout.mutate()} />}
        <Outlet />
      </main>
    </div>
  );
}
