import { registerSW } from 'virtual:pwa-register';
import type { createRouter } from './router';

type Router = ReturnType<typeof createRouter>;

/**
 * Keeps the app on the device (vite.config.ts, VitePWA) so it opens with no network.
 *
 * A new deploy takes over by itself (registerType autoUpdate), but the page never reloads under
 * a half-written form: when the new version has taken control, the next change of page is a full
 * page load of the new version instead of an in-app navigation. That is also the moment the old
 * version's pages stop being kept, so a page of the old version is never asked for afterwards.
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
