import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { attentionRoutes } from '../features/attention/attention.routes';
import { auditRoutes } from '../features/audit/audit.routes';
import { authRoutes } from '../features/auth/auth.routes';
import { incidentsRoutes } from '../features/incidents/incidents.routes';
import { locationsRoutes } from '../features/locations/locations.routes';
import { notificationsRoutes } from '../features/notifications/notifications.routes';
import { peopleRoutes } from '../features/people/people.routes';
import { organisationsRoutes } from '../features/organisations/organisations.routes';
import { ssoRoutes } from '../features/sso/sso.routes';
import { schoolsRoutes } from '../features/schools/schools.routes';
import { usersRoutes } from '../features/users/users.routes';
import { wondeRoutes } from '../features/wonde/wonde.routes';
import { registerAuth } from './auth';
import type { RouteDeps } from './deps';
import { instrument } from './metrics';
import { operationsRoutes, type Operations } from './operations.routes';
import { registerErrorHandler } from './error-handler';

export const webRoot = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export type AppOptions = RouteDeps & {
  trustProxy: boolean;
  /** Folder of the built web app; not served when it does not exist (API-only tests). */
  webRoot?: string;
  /** The level of the one line each request leaves (`debug` keeps the demo's terminal quiet). */
  requestLogLevel?: 'info' | 'debug';
  /** Health, readiness and metrics for those who run Plaster. */
  operations?: Operations;
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = options.logger;
  // One line per request, when it is answered (Fastify's own logging writes two).
  const app = Fastify({
    loggerInstance,
    trustProxy: options.trustProxy,
    logController: new LogController({ disableRequestLogging: true }),
  });
  // Closing (SIGTERM): the answers still on their way end their connection, so that a keep-alive
  // connection busy when the close began does not keep the server open once it falls idle.
  let isClosing = false;
  app.addHook('preClose', (done) => {
    isClosing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (isClosing) void reply.header('connection', 'close');
    done(null, payload);
  });
  const requestLogLevel = options.requestLogLevel ?? 'info';
  app.addHook('onResponse', (request, reply, done) => {
    request.log[requestLogLevel](
      { req: request, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request answered',
    );
    done();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // The service worker (/sw.js, which imports workbox-*.js) and the web app manifest: both
        // would fall back to default-src 'self' already; named so a change there keeps them.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: options.secureCookies ? [] : null,
      },
    },
    hsts: options.secureCookies,
  });
  // Brotli or gzip as the browser asks, for the app's files and the API's answers alike.
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(cookie);
  // Only routes that ask for it (sign-in) are limited here; see auth.routes.
  await app.register(rateLimit, { global: false });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Plaster API',
        version: '1',
        description:
          'The incident book for UK schools and trusts. Browsers authenticate with the session cookie set by POST /api/v1/auth/login and send the X-CSRF-Token header from GET /api/v1/me on every unsafe request.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const metrics = instrument(app, options.db, options.operations?.poolUse);
  registerAuth(app, options);
  operationsRoutes(app, options, options.operations ?? {}, metrics);
  authRoutes(app, options);
  organisationsRoutes(app, options);
  schoolsRoutes(app, options);
  usersRoutes(app, options);
  auditRoutes(app, options);
  wondeRoutes(app, options);
  peopleRoutes(app, options);
  incidentsRoutes(app, options);
  attentionRoutes(app, options);
  locationsRoutes(app, options);
  notificationsRoutes(app, options);
  ssoRoutes(app, options);

  const root = options.webRoot ?? webRoot;
  const hasWeb = existsSync(root);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root,
      // Scripts and styles have brotli and gzip copies made at build time (vite.config.ts).
      preCompressed: true,
      // Source maps are for those who run Plaster, read from disk; they are not published.
      allowedPath: (pathName) => !pathName.endsWith('.map'),
      setHeaders(reply, path) {
        // Vite fingerprints everything under assets/. index.html, the service worker (sw.js,
        // workbox-*.js) and the manifest are asked again on every load, so a deploy reaches a
        // browser that keeps the app at once.
        void reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // API paths, and files (a name with an extension) that do not exist, are plain 404s; any
    // other path is a route of the single-page app.
    const isFile = /\.[a-z0-9]+$/i.test(path);
    const isApi = path === '/api' || path.startsWith('/api/');
    if (isApi || !hasWeb || request.method !== 'GET' || isFile) {
      return reply.status(404).send({
        error: { code: 'not_found', message: `No such endpoint: ${request.method} ${path}` },
      });
    }
    // Client-side routes of the single-page app.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
