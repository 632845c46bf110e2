import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import Provider from 'oidc-provider';
import { freePort } from './ports';

export type TestIdp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by subject: the claims each one's id token carries. */
  accounts: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
};

/**
 * A real OpenID provider on this machine, standing in for Microsoft Entra ID or Google; on a
 * free port unless given one (a browser test's server is told it before it starts).
 */
export async function startTestIdp(redirectUri: string, fixedPort?: number): Promise<TestIdp> {
  const port = fixedPort ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map<string, Record<string, unknown>>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'plaster-test',
        client_secret: 'a-client-secret-for-tests',
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: {
      openid: ['sub', 'tid', 'hd'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    // Put the claims in the id token itself, as Entra ID and Google do.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, ...(accounts.get(sub) ?? {}) }),
    }),
    cookies: { keys: ['test-cookie-key'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
  });
  const server = provider.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    issuer,
    clientId: 'plaster-test',
    clientSecret: 'a-client-secret-for-tests',
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Signs in through the provider as a browser would: start in Plaster, log in and consent at
 * the provider (its development pages), and come back to Plaster's callback. Returns Plaster's
 * answer to the callback and the callback URL (to try replaying it).
 */
export async function signInThroughIdp(
  app: FastifyInstance,
  connectionId: string,
  subject: string,
  next?: string,
): Promise<{ callback: LightMyRequestResponse; callbackUrl: string }> {
  const query = next === undefined ? '' : `?next=${encodeURIComponent(next)}`;
  const start = await app.inject({ url: `/api/v1/auth/sso/${connectionId}/start${query}` });
  if (start.statusCode !== 302)
    throw new Error(`start answered ${start.statusCode}: ${start.body}`);
  const jar = new Map<string, string>();
  let url = String(start.headers.location);
  for (let step = 0; step < 20; step++) {
    const current: URL = new URL(url);
    if (current.pathname.endsWith('/api/v1/auth/sso/callback')) {
      const callback = await app.inject({ url: current.pathname + current.search });
      return { callback, callbackUrl: current.pathname + current.search };
    }
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const interaction = /^\/interaction\/[^/]+$/.test(current.pathname);
    let response: Response;
    if (interaction) {
      const page = await fetch(current, { headers: { cookie }, redirect: 'manual' });
      const prompt = (await page.text()).includes('name="login"') ? 'login' : 'consent';
      response = await fetch(current, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(
          prompt === 'login' ? { prompt, login: subject, password: 'x' } : { prompt },
        ),
        redirect: 'manual',
      });
    } else {
      response = await fetch(current, { headers: { cookie }, redirect: 'manual' });
    }
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (!location)
      throw new Error(`the provider stopped at ${current.pathname} with ${response.status}`);
    url = new URL(location, current).href;
  }
  throw new Error('too many redirects');
}
