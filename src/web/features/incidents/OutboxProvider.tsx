import { createContext, use, useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../../shared/incidents-api';
import { meQueryKey } from '../../app/query-client';
import { useIsOnline } from '../../app/use-is-online';
import { fetchMe } from '../auth/api';
import { useSession } from '../auth/session';
import { listOutbox, sendOutboxOnce, subscribeToOutbox } from './outbox';
import type { OutboxItem } from './outbox';
import { afterSave } from './queries';

const RETRY_EVERY_MS = 30_000;

export type SentIncident = { personName: string; incident: Incident };

type Outbox = {
  /** The signed-in user's incidents still on this device, oldest first. */
  items: OutboxItem[];
  /** Those sent since this page was opened, until dismissed. */
  sent: SentIncident[];
  isSending: boolean;
  sendNow: () => Promise<void>;
  dismissSent: () => void;
};

const OutboxContext = createContext<Outbox | null>(null);

export function useOutbox(): Outbox {
  const outbox = use(OutboxContext);
  if (!outbox) throw new Error('useOutbox is used outside the app shell.');
  return outbox;
}

/**
 * Sends the incidents waiting on this device: when the connection returns, when one is added,
 * and every 30 seconds while any wait. The session is confirmed first, so they are sent only as
 * the user who logged them and with a current CSRF token.
 */
export function OutboxProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const client = useQueryClient();
  const isOnline = useIsOnline();
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [sent, setSent] = useState<SentIncident[]>([]);
  const [isSending, setIsSending] = useState(false);
  const isRunning = useRef(false);

  const refresh = useCallback(async () => setItems(await listOutbox(user.id)), [user.id]);

  useEffect(() => {
    void refresh();
    return subscribeToOutbox(() => void refresh());
  }, [refresh]);

  const sendNow = useCallback(async () => {
    if (isRunning.current) return;
    isRunning.current = true;
    setIsSending(true);
    try {
      const me = await fetchMe().catch(() => null);
      // Offline, signed out, or someone else has signed in since: leave them waiting.
      if (!me || me.user.id !== user.id) return;
      client.setQueryData(meQueryKey, me);
      const result = await sendOutboxOnce(user.id);
      if (result.sent.length === 0) return;
      setSent((before) => [
        ...before,
        ...result.sent.map(({ item, incident }) => ({ personName: item.personName, incident })),
      ]);
      await Promise.all(result.sent.map(({ incident }) => afterSave(client, incident)));
    } finally {
      isRunning.current = false;
      setIsSending(false);
      await refresh();
    }
  }, [client, refresh, user.id]);

  const waiting = items.filter((item) => !item.problem).length;
  useEffect(() => {
    if (!isOnline || waiting === 0) return;
    void sendNow();
    const timer = setInterval(() => void sendNow(), RETRY_EVERY_MS);
    return () => clearInterval(timer);
  }, [isOnline, waiting, sendNow]);

  const dismissSent = useCallback(() => setSent([]), []);

  return (
    <OutboxContext value={{ items, sent, isSending, sendNow, dismissSent }}>
      {children}
    </OutboxContext>
  );
}
