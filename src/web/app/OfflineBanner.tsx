import { useIsOnline } from './use-is-online';

/**
 * In the header while the device has no network. The status region is always there, empty when
 * online, so that screen readers announce the change when it happens.
 */
export function OfflineBanner() {
  const isOnline = useIsOnline();
  return (
    <div role="status" aria-live="polite" className="offline-status">
      {!isOnline && (
        <p className="offline-status__text">
          <span className="offline-status__dot" aria-hidden="true" />
          You are offline
        </p>
      )}
    </div>
  );
}
