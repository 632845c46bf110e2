/**
 * Fixed lists that the web app needs at run time, kept apart from the API schemas: a page that
 * imports one of these does not also load the schemas and their validation library. The schema
 * modules re-export them, so the server keeps importing them from there.
 */

/** Someone on an incident who is not in the school's directory. */
export const MANUAL_PERSON_TYPES = ['visitor', 'contractor', 'public', 'other'] as const;

/** The email templates an organisation can word for itself. */
export const TEMPLATE_KEYS = ['general', 'head_injury'] as const;

/** Why an SSO sign-in was refused, as the `sso_error` of the redirect back to /sign-in. */
export const SSO_ERRORS = {
  expired: 'That sign-in took too long or was already used. Please try again.',
  wrong_tenant: 'That account belongs to another Microsoft tenant than your organisation’s.',
  wrong_domain: 'That account’s domain is not one your organisation allows.',
  unverified_domain:
    'Your organisation has not yet proved that it owns that account’s email domain. Ask your administrator.',
  no_account: 'There is no Plaster account for that email. Ask your administrator to add you.',
  deactivated: 'Your Plaster account has been deactivated.',
  unverified_email: 'That account’s email address is not verified.',
  provider_error: 'The sign-in provider reported a problem. Please try again.',
} as const;
