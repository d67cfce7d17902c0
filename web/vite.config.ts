import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The app is served by the Fastify server (same origin, /api) under a strict CSP:
// no inline scripts or styles, so every asset is emitted as a file (no data: inlining by Vite).
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
