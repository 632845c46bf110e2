import { useLocation } from 'react-router';

/** A confirmation carried to the next page in the navigation state: "School added." */
export type NoticeState = { notice: string };

export function noticeState(notice: string): NoticeState {
  return { notice };
}

export function useNotice(): string | null {
  const state: unknown = useLocation().state;
  if (typeof state === 'object' && state !== null && 'notice' in state) {
    if (typeof state.notice === 'string') return state.notice;
  }
  return null;
}
