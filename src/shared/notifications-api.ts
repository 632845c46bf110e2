/** API contracts of contacts (live from Wonde) and the notifications sent to them. */
import { z } from 'zod';
import { text } from './fields';
import { TEMPLATE_KEYS } from './fixed-lists';
import { PERSON_TYPES } from './people-api';

export const ContactSchema = z.object({
  /** Wonde's id of the contact (or next of kin), to send to; never stored unless sent to. */
  id: z.string(),
  name: z.string(),
  /** Mother, Father, Guardian…; null when the MIS does not say. */
  relationship: z.string().nullable(),
  /** true, false, or null: unknown (not recorded, or not shared with Plaster). */
  parentalResponsibility: z.boolean().nullable(),
  /** 1 is the first to contact; null when not recorded. */
  priority: z.number().nullable(),
  livesWithPupil: z.boolean().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const ContactsResponseSchema = z.object({
  personType: z.enum(PERSON_TYPES),
  /** Pupils: contacts, parental responsibility first by priority. Staff: next of kin. */
  contacts: z.array(ContactSchema),
});
export type ContactsResponse = z.infer<typeof ContactsResponseSchema>;

export { TEMPLATE_KEYS };
export const TemplateKeySchema = z.enum(TEMPLATE_KEYS);
export type TemplateKey = z.infer<typeof TemplateKeySchema>;

export const TemplateSchema = z.object({
  key: TemplateKeySchema,
  name: z.string(),
  subject: z.string(),
  /** Plain text with {{placeholders}} (see `placeholders`). */
  body: z.string(),
  /** False while the organisation uses Plaster's wording. */
  customised: z.boolean(),
  placeholders: z.array(z.object({ name: z.string(), description: z.string() })),
});
export type Template = z.infer<typeof TemplateSchema>;

export const UpdateTemplateInputSchema = z.strictObject({
  subject: text().trim().min(1, 'is required').max(200, 'is too long'),
  body: text().trim().min(1, 'is required').max(20_000, 'is too long'),
});

export const PreviewInputSchema = z.strictObject({
  templateKey: TemplateKeySchema,
  /** Names of other pupils found in the account are replaced unless this is true. */
  keepOtherNames: z.boolean().default(false),
});

export const PreviewSchema = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  /** Other people's names found in the account, and replaced unless kept. */
  otherNames: z.array(z.string()),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const RecipientInputSchema = z.union([
  z.strictObject({ contactId: text().min(1).max(50) }),
  z.strictObject({
    name: text().trim().min(1, 'is required').max(200),
    email: z.email({ error: 'must be an email address' }).max(254),
  }),
]);

export const SendInputSchema = z.strictObject({
  recipients: z.array(RecipientInputSchema).min(1, 'choose at least one recipient').max(10),
  /** The email as the user last saw it in the preview (they may have edited it). */
  subject: text().trim().min(1, 'is required').max(200),
  text: text().trim().min(1, 'is required').max(20_000),
  /** The same key for a repeated submit sends nothing more (a double click sends one email). */
  idempotencyKey: text().min(8).max(100),
});
export type SendInput = z.input<typeof SendInputSchema>;

/**
 * Where an email has got to. `unknown`: the mail server may have accepted it, but that could not be
 * recorded (the database was away, or the worker died mid-send); it is never sent again by itself,
 * a person checks and sends again if needed.
 */
export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'failed', 'unknown'] as const;

/**
 * One email of an incident's communication log. Viewers see that it was sent and how it went;
 * who it went to, its wording (which may name them) and the mail server's answer are null.
 */
export const NotificationSchema = z.object({
  id: z.uuid(),
  recipientName: z.string().nullable(),
  recipientEmail: z.string().nullable(),
  subject: z.string(),
  text: z.string().nullable(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number(),
  /** Why the last attempt failed. */
  error: z.string().nullable(),
  sentBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z.object({ notifications: z.array(NotificationSchema) });

export const CaughtMailSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
});
export type CaughtMail = z.infer<typeof CaughtMailSchema>;
