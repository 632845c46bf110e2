import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { SignInPage } from '../features/auth/SignInPage';
import { OutboxPage } from '../features/incidents/OutboxPage';
import { AppShell } from './AppShell';
import { Landing } from './Landing';
import { NotFoundPage } from './NotFoundPage';
import { RequirePermission } from './RequirePermission';
import { RequireAuth } from './RequireAuth';
import { RouteError } from './RouteError';

/**
 * A page fetched when first visited, so the sign-in page and "Log an incident" carry only their
 * own code (the charts, the person search's combobox library and the admin pages stay apart).
 * The service worker still keeps every page on the device for opening offline.
 */
function page<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): () => Promise<{ Component: ComponentType }> {
  return async () => ({ Component: (await load())[name] });
}

export function createRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppShell />
        </RequireAuth>
      ),
      errorElement: <RouteError />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <Landing /> },
            {
              path: 'schools',
              lazy: page(() => import('../features/schools/SchoolsPage'), 'SchoolsPage'),
            },
            {
              element: <RequirePermission needs="attention.read" />,
              children: [
                {
                  path: 'attention',
                  lazy: page(() => import('../features/attention/AttentionPage'), 'AttentionPage'),
                },
              ],
            },
            {
              path: 'people',
              // The person search brings its own combobox library: load it when first needed.
              lazy: page(() => import('../features/people/PeoplePage'), 'PeoplePage'),
            },
            {
              path: 'people/:personId',
              lazy: page(() => import('../features/incidents/PersonPage'), 'PersonPage'),
            },
            {
              path: 'mail',
              lazy: page(() => import('../features/notifications/MailPage'), 'MailPage'),
            },
            {
              path: 'incidents',
              lazy: page(() => import('../features/incidents/IncidentsPage'), 'IncidentsPage'),
            },
            {
              path: 'incidents/new',
              // The form brings the person search's combobox library.
              lazy: page(() => import('../features/incidents/NewIncidentPage'), 'NewIncidentPage'),
            },
            {
              path: 'incidents/waiting',
              // Reached offline by design ("See what is waiting"), so part of the first load.
              element: <OutboxPage />,
            },
            {
              path: 'incidents/:incidentId',
              lazy: page(() => import('../features/incidents/IncidentPage'), 'IncidentPage'),
            },
            {
              path: 'incidents/:incidentId/edit',
              lazy: page(
                () => import('../features/incidents/EditIncidentPage'),
                'EditIncidentPage',
              ),
            },
            {
              path: 'dashboard',
              // The charts library is loaded only by the dashboard.
              lazy: page(() => import('../features/dashboard/DashboardPage'), 'DashboardPage'),
            },
            {
              path: 'account',
              lazy: page(() => import('../features/auth/AccountPage'), 'AccountPage'),
            },
            {
              path: 'schools/:schoolId',
              lazy: page(() => import('../features/schools/SchoolPage'), 'SchoolPage'),
            },
            {
              element: <RequirePermission needs="school.create" />,
              children: [
                {
                  path: 'schools/new',
                  lazy: page(() => import('../features/schools/NewSchoolPage'), 'NewSchoolPage'),
                },
              ],
            },
            {
              element: <RequirePermission needs="user.manage" />,
              children: [
                {
                  path: 'users',
                  lazy: page(() => import('../features/users/UsersPage'), 'UsersPage'),
                },
                {
                  path: 'users/new',
                  lazy: page(() => import('../features/users/NewUserPage'), 'NewUserPage'),
                },
                {
                  path: 'users/:userId',
                  lazy: page(() => import('../features/users/UserPage'), 'UserPage'),
                },
              ],
            },
            {
              element: <RequirePermission needs="audit.read" />,
              children: [
                {
                  path: 'audit',
                  lazy: page(() => import('../features/audit/AuditLogPage'), 'AuditLogPage'),
                },
              ],
            },
            {
              element: <RequirePermission needs="organisation.edit" />,
              children: [
                {
                  path: 'organisation',
                  lazy: page(
                    () => import('../features/organisation/OrganisationPage'),
                    'OrganisationPage',
                  ),
                },
              ],
            },
            {
              element: <RequirePermission needs="template.edit" />,
              children: [
                {
                  path: 'settings/templates',
                  lazy: page(
                    () => import('../features/notifications/TemplatesPage'),
                    'TemplatesPage',
                  ),
                },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
