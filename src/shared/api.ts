/**
 * The HTTP API's contracts, shared by the server (validation, OpenAPI) and the web app (types).
 * Dates travel as ISO 8601 strings.
 */
import { z } from 'zod';
import { text } from './fields';

// A missing field reads "email: is required" rather than zod's type-mismatch wording.
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined,
});

export const ROLES = ['admin', 'manager', 'reporter', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ORGANISATION_KINDS = ['trust', 'school'] as const;
export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);

const IdSchema = z.uuid({ error: 'must be a valid id' });
const Timestamp = z.string();
const EmailSchema = z
  .email({ error: 'must be an email address' })
  .max(254)
  .transform((e) => e.toLowerCase());
const NameSchema = text().trim().min(1, 'is required').max(200, 'is too long');

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const IdParamsSchema = z.object({ id: IdSchema });

// Organisation -----------------------------------------------------------------------------

export const OrganisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: OrganisationKindSchema,
  /** A person with this many incidents within repeatWindowDays is flagged as a repeat. */
  repeatThreshold: z.number(),
  repeatWindowDays: z.number(),
  /** Incidents still open this many days after they happened show on Needs attention. */
  openAlertDays: z.number(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const UpdateOrganisationInputSchema = z.strictObject({
  name: NameSchema.optional(),
  repeatThreshold: z
    .number()
    .int()
    .min(2, 'must be at least 2')
    .max(50, 'must be at most 50')
    .optional(),
  repeatWindowDays: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365')
    .optional(),
  openAlertDays: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365')
    .optional(),
});
export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationInputSchema>;

// Schools ----------------------------------------------------------------------------------

export const SchoolSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  urn: z.string(),
  wondeSchoolId: z.string().nullable(),
  createdAt: Timestamp,
});
export type School = z.infer<typeof SchoolSchema>;

const UrnSchema = text()
  .trim()
  .regex(/^\d{6}$/, 'must be the six-digit DfE URN');
const WondeSchoolIdSchema = text()
  .trim()
  .regex(/^A\d{9,10}$/, 'must be a Wonde school id such as A1930499544');

export const CreateSchoolInputSchema = z.strictObject({
  name: NameSchema,
  urn: UrnSchema,
  wondeSchoolId: WondeSchoolIdSchema.nullable().optional(),
});
export type CreateSchoolInput = z.infer<typeof CreateSchoolInputSchema>;

export const UpdateSchoolInputSchema = CreateSchoolInputSchema.partial();
export type UpdateSchoolInput = z.infer<typeof UpdateSchoolInputSchema>;

export const SchoolParamsSchema = z.object({ schoolId: IdSchema });

// Users ------------------------------------------------------------------------------------

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  /** Every school of the organisation, including ones added later. */
  allSchools: z.boolean(),
  /** The schools in scope when allSchools is false. */
  schoolIds: z.array(z.uuid()),
  active: z.boolean(),
  lastSignInAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserInputSchema = z.strictObject({
  email: EmailSchema,
  name: NameSchema,
  role: RoleSchema,
  allSchools: z.boolean().default(false),
  schoolIds: z.array(IdSchema).max(1000).default([]),
  /** The first password; the user should change it after signing in. */
  password: text().max(200, 'is too long'),
});
export type CreateUserInput = z.input<typeof CreateUserInputSchema>;

export const UpdateUserInputSchema = z.strictObject({
  name: NameSchema.optional(),
  role: RoleSchema.optional(),
  allSchools: z.boolean().optional(),
  schoolIds: z.array(IdSchema).max(1000).optional(),
  /** false deactivates the user and ends their sessions at once. */
  active: z.boolean().optional(),
  /** Sets a new password (an admin reset); ends the user's sessions. */
  password: text().max(200, 'is too long').optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInputSchema>;

// Sessions ---------------------------------------------------------------------------------

export const LoginInputSchema = z.strictObject({
  email: text().trim().min(1, 'is required').max(254, 'is too long'),
  password: text().min(1, 'is required').max(200, 'is too long'),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

/** What a user may do, as the server decides it; the web app shows only what is allowed. */
export const PERMISSIONS = [
  'incident.create',
  'incident.edit',
  'incident.review',
  'contacts.read',
  'family.notify',
  'notification.recipients',
  'school.edit',
  'location.manage',
  'wonde.manage',
  'user.manage',
  'audit.read',
  'attention.read',
  'organisation.edit',
  'school.create',
  'template.edit',
  'sso.manage',
  'demo.mail',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const MeSchema = z.object({
  user: UserSchema,
  organisation: OrganisationSchema,
  /** The schools this user may see. */
  schools: z.array(SchoolSchema),
  /** Send back as the X-CSRF-Token header on every unsafe request. */
  csrfToken: z.string(),
  /** Everything this user may do ("incident.edit": some incidents, for a reporter their own). */
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Things an admin should act on, shown on every page until resolved. */
  alerts: z.array(
    z.object({
      kind: z.enum(['wonde_access_revoked', 'wonde_access_declined', 'wonde_error']),
      schoolId: z.uuid(),
      schoolName: z.string(),
      /** When it happened. */
      since: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});
export type Me = z.infer<typeof MeSchema>;

export const ChangePasswordInputSchema = z.strictObject({
  currentPassword: text().min(1, 'is required').max(200, 'is too long'),
  newPassword: text().max(200, 'is too long'),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;

// Audit log --------------------------------------------------------------------------------

export const AuditEventSchema = z.object({
  id: z.number(),
  at: Timestamp,
  action: z.string(),
  actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only events older than this id: the next page. */
  before: z.coerce.number().int().positive().optional(),
});

export const AuditPageSchema = z.object({
  events: z.array(AuditEventSchema),
  nextBefore: z.number().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
