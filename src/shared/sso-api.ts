/** API contracts of single sign-on (OpenID Connect with Microsoft and Google). */
import { z } from 'zod';
import { RoleSchema } from './api';
import { text } from './fields';
import { SSO_ERRORS } from './fixed-lists';

export const SSO_PROVIDERS = ['microsoft', 'google'] as const;
export const SsoProviderSchema = z.enum(SSO_PROVIDERS);
export type SsoProvider = z.infer<typeof SsoProviderSchema>;

export const SsoConnectionSchema = z.object({
  id: z.uuid(),
  provider: SsoProviderSchema,
  clientId: z.string(),
  /** The secret is never returned; this says one is stored. */
  hasClientSecret: z.boolean(),
  tenantId: z.string().nullable(),
  allowedDomains: z.array(z.string()),
  jitEnabled: z.boolean(),
  jitRole: RoleSchema,
  enabled: z.boolean(),
});
export type SsoConnection = z.infer<typeof SsoConnectionSchema>;

export const SsoSettingsSchema = z.object({
  enforced: z.boolean(),
  /** The admin who may still sign in with a password when SSO is enforced. */
  breakGlassUserId: z.uuid().nullable(),
  connections: z.array(SsoConnectionSchema),
  /** Give this to Microsoft or Google as the redirect URI. */
  redirectUri: z.string(),
});
export type SsoSettings = z.infer<typeof SsoSettingsSchema>;

export const DomainSchema = text()
  .trim()
  .toLowerCase()
  .max(253, 'must be a domain such as school.org.uk')
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain such as school.org.uk');

/** An Entra Directory (tenant) ID: the GUID that the id token's `tid` carries. */
export const TenantIdSchema = text()
  .trim()
  .toLowerCase()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'must be the Directory (tenant) ID, such as 9b1d2e43-6c5f-4a7e-8d3b-2f1a0c9e8d72',
  );

/**
 * A provider's sign-in. Its issuer is Microsoft's for the tenant
 * (`https://login.microsoftonline.com/{tenantId}/v2.0`) or Google's
 * (`https://accounts.google.com`), never one an organisation names.
 */
export const SsoConnectionInputSchema = z.strictObject({
  clientId: text().trim().min(1, 'is required').max(300),
  /** Leave out to keep the stored secret. */
  clientSecret: text().min(1).max(1000).optional(),
  tenantId: TenantIdSchema.nullish(),
  allowedDomains: z.array(DomainSchema).max(50).default([]),
  jitEnabled: z.boolean().default(false),
  jitRole: RoleSchema.default('reporter'),
  enabled: z.boolean().default(true),
});
export type SsoConnectionInput = z.input<typeof SsoConnectionInputSchema>;

export const UpdateSsoSettingsInputSchema = z.strictObject({
  enforced: z.boolean().optional(),
  breakGlassUserId: z.uuid().nullable().optional(),
});

export const SsoDiscoverQuerySchema = z.object({ email: text().trim().min(3).max(254) });
export const SsoDiscoverResponseSchema = z.object({
  providers: z.array(
    z.object({ connectionId: z.uuid(), provider: SsoProviderSchema, label: z.string() }),
  ),
  /** Password sign-in is off for this email's organisation (but for its break-glass admin). */
  passwordDisabled: z.boolean(),
});

export const SSO_DOMAIN_STATUSES = ['pending', 'verified'] as const;

/** An email domain of the organisation's, and the DNS record that proves it is theirs. */
export const SsoDomainSchema = z.object({
  domain: z.string(),
  /** The value of the TXT record to add to the domain (at its root, not a subdomain). */
  txtRecord: z.string(),
  /** Verified: proved, so it routes the organisation's users; pending: not yet, so it routes none. */
  status: z.enum(SSO_DOMAIN_STATUSES),
  verifiedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type SsoDomain = z.infer<typeof SsoDomainSchema>;

export const SsoDomainListSchema = z.object({ domains: z.array(SsoDomainSchema) });
export type SsoDomainList = z.infer<typeof SsoDomainListSchema>;

export const AddSsoDomainInputSchema = z.strictObject({ domain: DomainSchema });
export type AddSsoDomainInput = z.input<typeof AddSsoDomainInputSchema>;

/** What a check of the DNS found: the record, so the domain is verified; or not (yet). */
export const SsoDomainCheckSchema = z.object({
  domain: SsoDomainSchema,
  found: z.boolean(),
});
export type SsoDomainCheck = z.infer<typeof SsoDomainCheckSchema>;

export { SSO_ERRORS };
export type SsoError = keyof typeof SSO_ERRORS;
