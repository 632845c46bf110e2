import { createBrowserRouter } from 'react-router';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { AccountPage } from '../features/auth/AccountPage';
import { SignInPage } from '../features/auth/SignInPage';
import { IncidentPage } from '../features/incidents/IncidentPage';
import { IncidentsPage } from '../features/incidents/IncidentsPage';
import { OutboxPage } from '../features/incidents/OutboxPage';
import { PersonPage } from '../features/incidents/PersonPage';
import { MailPage } from '../features/notifications/MailPage';
import { TemplatesPage } from '../features/notifications/TemplatesPage';
import { OrganisationPage } from '../features/organisation/OrganisationPage';
import { NewSchoolPage } from '../features/schools/NewSchoolPage';
import { SchoolPage } from '../features/schools/SchoolPage';
import { SchoolsPage } from '../features/schools/SchoolsPage';
import { NewUserPage } from '../features/users/NewUserPage';
import { UserPage } from '../features/users/UserPage';
import { UsersPage } from '../features/users/UsersPage';
import { AttentionPage } from '../features/attention/AttentionPage';
import { AppShell } from './AppShell';
import { Landing } from './Landing';
import { NotFoundPage } from './NotFoundPage';
import { RequirePermission } from './RequirePermission';
import { RequireAuth } from './RequireAuth';
import { RouteError } from './RouteError';

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
            { path: 'schools', element: <SchoolsPage /> },
            {
              element: <RequirePermission needs="attention.read" />,
              children: [{ path: 'attention', element: <AttentionPage /> }],
            },
            {
              path: 'people',
              // The person search brings its own combobox library: load it when first needed.
              lazy: async () => ({
                Component: (await import('../features/people/PeoplePage')).PeoplePage,
              }),
            },
            { path: 'people/:personId', element: <PersonPage /> },
            { path: 'mail', element: <MailPage /> },
            { path: 'incidents', element: <IncidentsPage /> },
            {
              path: 'incidents/new',
              // The form brings the person search's combobox library.
              lazy: async () => ({
                Component: (await import('../features/incidents/NewIncidentPage')).NewIncidentPage,
              }),
            },
            { path: 'incidents/waiting', element: <OutboxPage /> },
            { path: 'incidents/:incidentId', element: <IncidentPage /> },
            {
              path: 'incidents/:incidentId/edit',
              lazy: async () => ({
                Component: (await import('../features/incidents/EditIncidentPage'))
                  .EditIncidentPage,
              }),
            },
            {
              path: 'dashboard',
              // The charts library is loaded only by the dashboard.
              lazy: async () => ({
                Component: (await import('../features/dashboard/DashboardPage')).DashboardPage,
              }),
            },
            { path: 'account', element: <AccountPage /> },
            { path: 'schools/:schoolId', element: <SchoolPage /> },
            {
              element: <RequirePermission needs="school.create" />,
              children: [{ path: 'schools/new', element: <NewSchoolPage /> }],
            },
            {
              element: <RequirePermission needs="user.manage" />,
              children: [
                { path: 'users', element: <UsersPage /> },
                { path: 'users/new', element: <NewUserPage /> },
                { path: 'users/:userId', element: <UserPage /> },
              ],
            },
            {
              element: <RequirePermission needs="audit.read" />,
              children: [{ path: 'audit', element: <AuditLogPage /> }],
            },
            {
              element: <RequirePermission needs="organisation.edit" />,
              children: [{ path: 'organisation', element: <OrganisationPage /> }],
            },
            {
              element: <RequirePermission needs="template.edit" />,
              children: [{ path: 'settings/templates', element: <TemplatesPage /> }],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
