/** API contracts of single sign-on (OpenID Connect with Microsoft and Google). */
import { z } from 'zod';
import { RoleSchema } from './api';

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
  issuerUrl: z.string().nullable(),
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

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain such as school.org.uk');

export const SsoConnectionInputSchema = z.strictObject({
  clientId: z.string().trim().min(1, 'is required').max(300),
  /** Leave out to keep the stored secret. */
  clientSecret: z.string().min(1).max(1000).optional(),
  tenantId: z.string().trim().max(100).nullish(),
  allowedDomains: z.array(Domain).max(50).default([]),
  issuerUrl: z.url({ protocol: /^https?$/, error: 'must be an https:// URL' }).nullish(),
  jitEnabled: z.boolean().default(false),
  jitRole: RoleSchema.default('reporter'),
  enabled: z.boolean().default(true),
});
export type SsoConnectionInput = z.input<typeof SsoConnectionInputSchema>;

export const UpdateSsoSettingsInputSchema = z.strictObject({
  enforced: z.boolean().optional(),
  breakGlassUserId: z.uuid().nullable().optional(),
});

export const SsoDiscoverQuerySchema = z.object({ email: z.string().trim().min(3).max(254) });
export const SsoDiscoverResponseSchema = z.object({
  providers: z.array(
    z.object({ connectionId: z.uuid(), provider: SsoProviderSchema, label: z.string() }),
  ),
  /** Password sign-in is off for this email's organisation (but for its break-glass admin). */
  passwordDisabled: z.boolean(),
});

/** Why an SSO sign-in was refused, as the `sso_error` of the redirect back to /sign-in. */
export const SSO_ERRORS = {
  expired: 'That sign-in took too long or was already used. Please try again.',
  wrong_tenant: 'That account belongs to another Microsoft tenant than your organisation’s.',
  wrong_domain: 'That account’s domain is not one your organisation allows.',
  no_account: 'There is no Plaster account for that email. Ask your administrator to add you.',
  deactivated: 'Your Plaster account has been deactivated.',
  unverified_email: 'That account’s email address is not verified.',
  provider_error: 'The sign-in provider reported a problem. Please try again.',
} as const;
export type SsoError = keyof typeof SSO_ERRORS;
