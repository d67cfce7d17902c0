import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The app is served by the Fastify server (same origin, /api) under a strict CSP:
// no inline scripts or styles, so every asset is emitted as a file (no data: inlining by Vite).
export default defineConfig({
  root,
  base: '/',
  plugins: [
    react(),
    // The service worker of the offline jury portal (issue #9, ADR 0009): Workbox precaches the
    // application shell and answers navigations with index.html; /api is never cached (the jury's
    // data is kept encrypted by the application). Registered by src/service-worker.ts (no inline
    // script: the CSP has no 'unsafe-inline'); same origin, allowed by script-src 'self'.
    VitePWA({
      strategies: 'generateSW',
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: false,
      filename: 'sw.js',
      workbox: {
        // the shell (≈ 2 MB): page, scripts, styles, fonts; the DSFR's ~1,000 icons are cached as
        // pages use them (their names carry a hash: never stale)
        globPatterns: ['index.html', 'favicon.svg', 'assets/*.{js,css,woff2}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        runtimeCaching: [{
          urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/assets\/[^/]+\.(svg|png|woff)$/.test(url.pathname),
          handler: 'CacheFirst',
          options: { cacheName: 'delib-icones', expiration: { maxEntries: 1500 } },
        }],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api(\/|$)/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        sourcemap: false,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.DELIB_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
