import type { Me } from '../../../shared/api';
import type { Incident } from '../../../shared/incidents-api';
import type { Contact, Notification, TemplateKey } from '../../../shared/notifications-api';
import { formatDate, londonDateAndTime } from '../../components/london-time';

export type AdminAlert = Me['alerts'][number];

export const templateLabels: Record<TemplateKey, string> = {
  general: 'General',
  head_injury: 'Head injury',
};

export const notificationStatusLabels: Record<Notification['status'], string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  unknown: 'May not have been sent',
};

export const notificationStatusBadges: Record<Notification['status'], string> = {
  queued: 'badge badge--muted',
  sending: 'badge',
  sent: 'badge badge--success',
  failed: 'badge badge--danger',
  unknown: 'badge badge--warning',
};

/** Unknown is not No: the MIS may not record it, or may not share it with Plaster. */
export function parentalResponsibilityLabel(value: Contact['parentalResponsibility']): string {
  if (value === null) return 'Unknown';
  return value ? 'Yes' : 'No';
}

/** Who the section is for, and what it is called, by the kind of person affected. */
export type Audience = 'family' | 'next_of_kin' | 'person';

export function audienceOf(person: Incident['person']): Audience {
  if (person.kind === 'pupil') return 'family';
  if (person.kind === 'staff') return 'next_of_kin';
  return 'person';
}

export const audienceTitles: Record<Audience, string> = {
  family: 'Tell the family',
  next_of_kin: 'Contact next of kin',
  person: 'Email the person',
};

/** "29 Nov 2026" for an instant, in UK time. */
export function dayOf(instant: string): string {
  return formatDate(londonDateAndTime(instant).date);
}

const alertWords: Record<AdminAlert['kind'], { happened: string; todo: string }> = {
  wonde_access_revoked: {
    happened: 'was revoked on',
    todo: 'Reconnect it on the school’s page.',
  },
  wonde_access_declined: {
    happened: 'was declined on',
    todo: 'Ask the school to approve it, or request it again on the school’s page.',
  },
  wonde_error: {
    happened: 'has had a problem since',
    todo: 'See what to do on the school’s page.',
  },
};

/**
 * One alert in words, in two parts so the second can link to the school: "Wonde access to
 * Oakfield Academy was revoked on 29 Nov 2026: the school withdrew it." and what to do.
 */
export function describeAlert(alert: AdminAlert): { sentence: string; todo: string } {
  const words = alertWords[alert.kind];
  const reason = alert.reason?.trim().replace(/[.!]+$/, '');
  const sentence = `Wonde access to ${alert.schoolName} ${words.happened} ${dayOf(alert.since)}${
    reason ? `: ${reason}` : ''
  }.`;
  return { sentence, todo: words.todo };
}

/** A loose check before sending; the server has the last word. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
