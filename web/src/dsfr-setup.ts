// DSFR start-up, kept apart from main.tsx so the CSP trick below is documented in one place.
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa.js';
import { Link } from 'react-router-dom';

declare module '@codegouvfr/react-dsfr/spa.js' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

/**
 * react-dsfr injects `<style id="dsfr-root-color-scheme">:root { color-scheme: … }</style>`, which the CSP
 * (`style-src 'self'`) blocks. It skips that injection when a nonce check is requested but no nonce is
 * present, so we pin `window.ssrNonce` to an empty value; the same rule lives in styles/app.css instead.
 */
function disableInlineColorSchemeStyle(): void {
  Object.defineProperty(window, 'ssrNonce', { configurable: true, get: () => '', set: () => undefined });
}

export function setUpDsfr(): void {
  disableInlineColorSchemeStyle();
  startReactDsfr({ defaultColorScheme: 'light', Link, nonce: 'csp-no-inline-style' });
}
