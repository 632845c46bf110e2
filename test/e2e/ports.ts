/**
 * The ports of a browser-test run: Plaster's, and beside it those of the DNS server (UDP) and
 * the identity provider that the single sign-on test starts. Another PLASTER_E2E_PORT moves all
 * three, so two checkouts can run their browser tests side by side.
 */
export const E2E_PORT = Number(process.env.PLASTER_E2E_PORT ?? 3987);
export const E2E_DNS_PORT = E2E_PORT + 1;
export const E2E_IDP_PORT = E2E_PORT + 2;
