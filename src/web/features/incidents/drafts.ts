/**
 * Drafts of the incident forms, kept on the device as the user types so that a reload, a closed
 * tab or an ended session loses nothing. They hold children's details on a device that may be
 * shared, so each is kept under its user, lasts at most a day, and goes at sign-out and once
 * the form is saved.
 */
import { createStore, del, entries, get, set } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';

export const DRAFT_LIFETIME_MS = 24 * 60 * 60_000;

/** The new-incident form's place on the device: one draft per user. */
export const NEW_INCIDENT_FORM = 'incident:new';

export type Draft<T> = { userId: string; formId: string; savedAt: number; data: T };

let store: UseStore | null = null;
// Opened on first use: the module is also imported where there is no IndexedDB (unit tests).
const draftStore = () => (store ??= createStore('plaster-drafts', 'drafts'));

const keyOf = (userId: string, formId: string) => `${userId}|${formId}`;

export async function saveDraft<T>(userId: string, formId: string, data: T): Promise<void> {
  const draft: Draft<T> = { userId, formId, savedAt: Date.now(), data };
  await set(keyOf(userId, formId), draft, draftStore());
}

/** The user's draft of a form, if there is one less than a day old. */
export async function readDraft<T>(userId: string, formId: string): Promise<Draft<T> | null> {
  const draft = await get<Draft<T>>(keyOf(userId, formId), draftStore());
  if (!draft) return null;
  if (Date.now() - draft.savedAt > DRAFT_LIFETIME_MS) {
    await deleteDraft(userId, formId);
    return null;
  }
  return draft;
}

export async function deleteDraft(userId: string, formId: string): Promise<void> {
  await del(keyOf(userId, formId), draftStore());
}

/**
 * Removes the drafts matching `isGone`: one user's at sign-out, and everyone's that are more
 * than a day old whenever the app starts.
 */
async function deleteDraftsWhere(isGone: (draft: Draft<unknown>) => boolean): Promise<void> {
  const all = await entries<string, Draft<unknown>>(draftStore());
  await Promise.all(
    all.filter(([, draft]) => isGone(draft)).map(([key]) => del(key, draftStore())),
  );
}

export function deleteUserDrafts(userId: string): Promise<void> {
  return deleteDraftsWhere((draft) => draft.userId === userId);
}

export function deleteExpiredDrafts(now = Date.now()): Promise<void> {
  return deleteDraftsWhere((draft) => now - draft.savedAt > DRAFT_LIFETIME_MS);
}
