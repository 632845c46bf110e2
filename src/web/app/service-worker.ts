import { registerSW } from 'virtual:pwa-register';
import type { createRouter } from './router';

type Router = ReturnType<typeof createRouter>;

/**
 * Keeps the app on the device (vite.config.ts, VitePWA) so it opens with no network.
 *
 * A new deploy takes over by itself (registerType autoUpdate), but the page never reloads under
 * a half-written form: once the new version's service worker has taken control, the next change
 * of page is a full page load of the new version instead of an in-app navigation. The new worker
 * no longer keeps the old version's chunks, so the old page must not load another of them (a
 * lazily loaded page) offline: it moves to the new version whole.
 */
export function registerServiceWorker(router: Router): void {
  let isOutdated = false;
  registerSW({
    onNeedReload: () => {
      isOutdated = true;
    },
  });
  router.subscribe((state) => {
    const next = state.navigation.location;
    if (!isOutdated || !next) return;
    window.location.assign(router.createHref(next));
  });
}
