import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const apiProxy = { '/api': { target: 'http://127.0.0.1:3000' } };

// The brand colours of src/web/styles.css (--colour-brand, --colour-bg).
const brand = '#1d4f5e';
const background = '#f4f6f7';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Brotli (quality 11) and gzip copies of the fingerprinted scripts and styles, made once at build
 * time and sent as they are by the server (@fastify/static preCompressed): about a sixth smaller
 * than what compressing on the fly at a quick setting gives, which a slow 4G phone notices.
 */
function precompressAssets(): Plugin {
  return {
    name: 'plaster-precompress-assets',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? '';
      const files = Object.keys(bundle).filter((name) => /\.(?:js|css)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name);
          const content = await readFile(file);
          const [br, gz] = await Promise.all([
            brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            gzipped(content, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [
    react(),
    precompressAssets(),
    // First aiders log incidents where there is no signal: the app itself (never its data) is kept
    // on the device by a service worker, so /incidents/new opens offline once it has been visited.
    VitePWA({
      strategies: 'generateSW',
      // A new deploy installs in the background and takes over at once (skipWaiting, clientsClaim);
      // the page then moves to it on its next change of page (src/web/app/service-worker.ts), never
      // by reloading under a half-written form.
      registerType: 'autoUpdate',
      // Registered by main.tsx through virtual:pwa-register: no inline script (CSP script-src 'self').
      injectRegister: false,
      manifest: {
        name: 'Plaster',
        short_name: 'Plaster',
        description: 'The incident (accident) book for UK schools and trusts.',
        lang: 'en-GB',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: brand,
        background_color: background,
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: '/pwa-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/pwa-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      includeAssets: ['apple-touch-icon.png'],
      workbox: {
        // The built app shell only: index.html and every JS and CSS chunk, the lazily loaded pages
        // too; the manifest, its icons and includeAssets are added by the plugin. Source maps
        // stay on the server.
        globPatterns: ['**/*.{html,js,css}'],
        navigateFallback: 'index.html',
        // API addresses (and its docs) are never answered by the app shell, and nothing under
        // /api is cached: no directory data, no session, no search results on the device.
        navigateFallbackDenylist: [/^\/api(?:\/|$)/],
        runtimeCaching: [],
        skipWaiting: true,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Maps are built for those who run Plaster (kept beside the scripts) without a pointer to them
    // in the scripts; the server never serves them.
    sourcemap: 'hidden',
  },
  server: { host: '127.0.0.1', proxy: apiProxy },
  preview: { host: '127.0.0.1', proxy: apiProxy },
});
