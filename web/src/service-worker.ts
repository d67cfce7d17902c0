// The service worker (/sw.js, generated at build by vite-plugin-pwa's Workbox, web/vite.config.ts)
// keeps the application shell — HTML, scripts, styles, fonts, icons — so that the jury portal opens
// without the network after its first load (issue #9, ADR 0009). It never caches /api: the jury's
// data is kept encrypted in IndexedDB by the application itself. Same origin, allowed by the CSP.
// Registered in every build (the Vite dev server has no /sw.js: the registration fails there, harmlessly).
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // no service worker (HTTP outside localhost, private browsing): the application works online
    });
  });
}
