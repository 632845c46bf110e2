import { deleteExpiredDrafts, deleteUserDrafts } from '../features/incidents/drafts';
import { deleteUserOutbox } from '../features/incidents/outbox';

/**
 * What a signed-in person leaves on the device (drafts of forms, incidents waiting to send)
 * holds children's details: it goes when they sign out, so the next person cannot see it.
 */
export async function forgetUserOnDevice(userId: string): Promise<void> {
  await Promise.all([deleteUserDrafts(userId), deleteUserOutbox(userId)]);
}

/** Drafts last a day, whoever left them and whether or not they signed out. */
export function tidyDevice(): void {
  deleteExpiredDrafts().catch(() => undefined);
}
