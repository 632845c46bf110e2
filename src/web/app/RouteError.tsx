import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** Shown when a page fails to render, so one broken page never blanks the whole app. */
export function RouteError() {
  const error = useRouteError();
  const isMissing = isRouteErrorResponse(error) && error.status === 404;
  // Pages are fetched when first visited; offline, one the device has not kept yet cannot open.
  const isOffline = !isMissing && !navigator.onLine;
  return (
    <div className="route-error" role="alert">
      <h1>
        {isMissing ? 'Page not found' : isOffline ? 'You are offline' : 'Something went wrong'}
      </h1>
      <p>
        {isMissing
          ? 'There is no page at this address.'
          : isOffline
            ? 'This page has not been kept on this device yet. It opens once the connection is back; an incident you log meanwhile is kept on the device.'
            : 'This page could not be shown. Reload the page to try again; if it keeps happening, tell your administrator.'}
      </p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </div>
  );
}
