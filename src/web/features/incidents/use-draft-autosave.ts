import { useEffect, useRef } from 'react';
import { saveDraft } from './drafts';

const SAVE_DELAY_MS = 400;

/**
 * Keeps a draft of the form on the device while it has unsaved changes: shortly after each
 * change, and at once when the page is hidden (a phone may end a hidden tab without warning).
 */
export function useDraftAutosave<T>(
  userId: string,
  formId: string,
  data: T,
  isEnabled: boolean,
): void {
  const latest = useRef({ data, isEnabled });
  latest.current = { data, isEnabled };

  useEffect(() => {
    if (!isEnabled) return;
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
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', handleVisibility);
    return () => {
      window.removeEventListener('pagehide', saveNow);
      document.removeEventListener('visibilitychange', handleVisibility);
    };
  }, [userId, formId]);
}
