/**
 * Incidents logged while the device could not reach Plaster, kept on the device until the server
 * accepts them. Each keeps the idempotency key it was first sent with, so a retry (or a second
 * tab sending the same one) never makes a second incident. Items belong to the user who logged
 * them and are only ever sent as that user.
 */
import { createStore, del, get, set, values } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import type { CreateIncidentInput, Incident } from '../../../shared/incidents-api';
import { ApiError, isUnauthenticated, NetworkError, toUserMessage } from '../../app/api';
import { createIncident } from './api';
import type { IncidentFormValues } from './form-values';

export type OutboxItem = {
  /** The idempotency key: the item's identity here and on the server. */
  key: string;
  userId: string;
  input: CreateIncidentInput;
  /** The form as it was, to open again if the server refuses the input. */
  values: IncidentFormValues;
  /** Who it happened to, as the form named them, to say what is waiting. */
  personName: string;
  queuedAt: number;
  /** Why the server refused it, when it did: the user must correct or delete it. */
  problem: string | null;
};

let store: UseStore | null = null;
const outboxStore = () => (store ??= createStore('plaster-outbox', 'incidents'));

const CHANNEL = 'plaster-outbox';
const listeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;

function changed(): void {
  for (const listener of listeners) listener();
  channel?.postMessage('changed');
}

/** Calls back whenever this tab or another one changes the outbox. */
export function subscribeToOutbox(listener: () => void): () => void {
  if (!channel && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => listeners.forEach((l) => l());
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function addToOutbox(item: Omit<OutboxItem, 'problem'>): Promise<void> {
  await set(item.key, { ...item, problem: null }, outboxStore());
  changed();
}

export async function listOutbox(userId: string): Promise<OutboxItem[]> {
  const all = await values<OutboxItem>(outboxStore());
  return all.filter((item) => item.userId === userId).sort((a, b) => a.queuedAt - b.queuedAt);
}

export async function removeFromOutbox(key: string): Promise<void> {
  await del(key, outboxStore());
  changed();
}

async function markProblem(key: string, problem: string): Promise<void> {
  const item = await get<OutboxItem>(key, outboxStore());
  if (item) await set(key, { ...item, problem }, outboxStore());
  changed();
}

/** At sign-out, when the user has chosen to discard what is waiting. */
export async function deleteUserOutbox(userId: string): Promise<void> {
  const items = await listOutbox(userId);
  await Promise.all(items.map((item) => del(item.key, outboxStore())));
  changed();
}

export type SendResult = {
  sent: Array<{ item: OutboxItem; incident: Incident }>;
  /** Why sending stopped early: no connection, or the session has ended. */
  stoppedBy: 'network' | 'signed-out' | null;
};

/**
 * Sends the user's waiting incidents in the order they were logged. A network failure or a
 * server error leaves them waiting; a refusal (bad input, no longer allowed) is kept with its
 * reason for the user; an ended session stops until they sign in again.
 */
export async function sendOutbox(userId: string): Promise<SendResult> {
  const result: SendResult = { sent: [], stoppedBy: null };
  for (const item of await listOutbox(userId)) {
    if (item.problem) continue;
    try {
      const incident = await createIncident(item.input, item.key);
      await removeFromOutbox(item.key);
      result.sent.push({ item, incident });
    } catch (error) {
      if (isUnauthenticated(error)) return { ...result, stoppedBy: 'signed-out' };
      if (error instanceof NetworkError || isRetryable(error)) {
        return { ...result, stoppedBy: 'network' };
      }
      await markProblem(item.key, toUserMessage(error));
    }
  }
  return result;
}

function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && (error.status >= 500 || error.status === 429);
}

/**
 * One tab sends at a time (the others wait their turn and then find nothing left); the server's
 * idempotency keys make a second send harmless where the browser has no locks.
 */
export async function sendOutboxOnce(userId: string): Promise<SendResult> {
  if (!('locks' in navigator)) return sendOutbox(userId);
  return navigator.locks.request(CHANNEL, () => sendOutbox(userId));
}
