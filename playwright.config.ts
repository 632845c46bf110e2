import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E_DNS_PORT, E2E_IDP_PORT, E2E_PORT as PORT } from './test/e2e/ports';

// Another port lets two checkouts run their browser tests side by side.
const baseURL = `http://127.0.0.1:${PORT}`;

// A fresh database for every run. Test workers load this file again; they inherit the runner's
// environment, so they reuse the directory instead of making their own.
const dataDir =
  process.env.PLASTER_E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'plaster-e2e-'));
process.env.PLASTER_E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: 'test/e2e',
  globalTeardown: './test/e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL,
    headless: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    // The app's service worker would answer page navigations from its own cache, out of sight of
    // page.route; a spec about the offline app allows it (test.use({ serviceWorkers: 'allow' })).
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'npm run build:web && node bin/plaster.js serve',
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PLASTER_DEMO: '1',
      PUBLIC_URL: baseURL,
      // Single sign-on reaches only what the SSO test starts on this machine: its DNS server,
      // where domains are proved, and its identity provider in place of Microsoft's.
      DNS_SERVERS: `127.0.0.1:${E2E_DNS_PORT}`,
      SSO_ISSUER_OVERRIDES: `microsoft=http://127.0.0.1:${E2E_IDP_PORT}`,
    },
  },
});
