import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingNotifications, testSessions, unusedSso, unusedWonde } from '../../../test/app';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { createLogger } from '../lib/logger';
import { buildApp } from './app';

let database: TestDatabase;
let app: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'plaster-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Plaster</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
  // A script big enough to be worth compressing, and its source map.
  writeFileSync(
    join(webRoot, 'assets', 'main-5678.js'),
    Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i};`).join('\n'),
  );
  writeFileSync(join(webRoot, 'assets', 'main-5678.js.map'), '{"version":3,"sources":["x.ts"]}');
  writeFileSync(join(webRoot, 'sw.js'), 'self.skipWaiting()');
  writeFileSync(join(webRoot, 'manifest.webmanifest'), '{"name":"Plaster"}');
  database = await createTestDatabase();
  app = await buildApp({
    db: database.db,
    sessions: testSessions,
    wonde: unusedWonde,
    notifications: recordingNotifications(),
    mailer: null,
    mailCatcher: null,
    sso: unusedSso,
    secrets: unusedWonde.secrets,
    publicUrl: 'http://127.0.0.1',
    logger: createLogger({ level: 'silent' }),
    secureCookies: false,
    trustProxy: false,
    webRoot,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('serves the app for its own routes and fingerprinted assets with long caching', async () => {
    for (const url of ['/', '/schools/123', '/users']) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('<title>Plaster</title>');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    const asset = await app.inject({ url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('never serves a source map, and compresses scripts for a browser that asks', async () => {
    for (const url of ['/assets/main-5678.js.map', '/assets/main-5678.js.map?x=1']) {
      const map = await app.inject({ url });
      expect(map.statusCode, url).toBe(404);
      expect(map.body).not.toContain('sources');
    }
    for (const encoding of ['br', 'gzip']) {
      const script = await app.inject({
        url: '/assets/main-5678.js',
        headers: { 'accept-encoding': encoding },
      });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-encoding']).toBe(encoding);
    }
    const plain = await app.inject({ url: '/assets/main-5678.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('value399');
  });

  it('answers 404 for a missing file and a JSON 404 for an unknown API path', async () => {
    expect((await app.inject({ url: '/assets/gone-9999.js' })).statusCode).toBe(404);
    const api = await app.inject({ url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({
      error: { code: 'not_found', message: 'No such endpoint: GET /api/v1/nothing-here' },
    });
  });

  it('serves the service worker and the manifest fresh on every load', async () => {
    const worker = await app.inject({ url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toMatch(/^(text|application)\/javascript\b/);
    expect(worker.headers['cache-control']).toBe('no-cache');
    const manifest = await app.inject({ url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json\b/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
  });

  it('never answers an API address with the app', async () => {
    for (const url of [
      '/api',
      '/api/',
      '/api/v1',
      '/api/v1/no-such-thing',
      '/api/docs/no-such-page',
    ]) {
      const answer = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.headers['content-type'], url).toMatch(/^application\/json\b/);
      expect(answer.body, url).not.toContain('<title>Plaster</title>');
    }
  });

  it('sends security headers', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).toContain("worker-src 'self'");
    expect(page.headers['content-security-policy']).toContain("manifest-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('publishes the OpenAPI document', async () => {
    const doc = await app.inject({ url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/schools/{schoolId}',
        '/api/v1/webhooks/wonde',
      ]),
    );
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});
