import { deleteExpiredDrafts, deleteUserDrafts } from '../features/incidents/drafts';
import { deleteUserOutbox } from '../features/incidents/outbox';
import { forgetRememberedSession } from './offline-session';

/**
 * What a signed-in person leaves on the device (drafts of forms, incidents waiting to send, the
 * session remembered for offline use) goes when they sign out, so the next person cannot see it.
 */
export async function forgetUserOnDevice(userId: string | undefined): Promise<void> {
  await Promise.all([
    forgetRememberedSession(),
    ...(userId ? [deleteUserDrafts(userId), deleteUserOutbox(userId)] : []),
  ]);
}

/** Drafts last a day, whoever left them and whether or not they signed out. */
export function tidyDevice(): void {
  deleteExpiredDrafts().catch(() => undefined);
}
