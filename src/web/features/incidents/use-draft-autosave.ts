import { useEffect, useRef } from 'react';
import { deleteDraft, saveDraft } from './drafts';

const SAVE_DELAY_MS = 400;

/**
 * Keeps a draft of the form on the device while it has unsaved changes: shortly after each
 * change, and at once when the page is about to go or is hidden (a phone may end a hidden tab
 * without warning).
 * Changes undone by hand leave nothing to keep, so the draft goes.
 */
export function useDraftAutosave<T>(
  userId: string,
  formId: string,
  data: T,
  isEnabled: boolean,
): void {
  const latest = useRef({ data, isEnabled });
  latest.current = { data, isEnabled };

  const hadChanges = useRef(false);
  useEffect(() => {
    if (!isEnabled) {
      if (hadChanges.current) void deleteDraft(userId, formId);
      hadChanges.current = false;
      return;
    }
    hadChanges.current = true;
    const timer = setTimeout(() => void saveDraft(userId, formId, data), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [userId, formId, data, isEnabled]);

  useEffect(() => {
    const saveNow = () => {
      if (latest.current.isEnabled) void saveDraft(userId, formId, latest.current.data);
    };
    const handleVisibility = () => {
      if (document.visibilityState === 'hidden') saveNow();
    };
    // beforeunload too: a reload or a closed tab may end the page before a write started at
    // pagehide finishes, while the browser's "leave this page?" question gives it time.
    window.addEventListener('beforeunload', saveNow);
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', handleVisibility);
    return () => {
      window.removeEventListener('beforeunload', saveNow);
      window.removeEventListener('pagehide', saveNow);
      document.removeEventListener('visibilitychange', handleVisibility);
    };
  }, [userId, formId]);
}
