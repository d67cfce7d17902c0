// Security headers on every response. The strict CSP has no 'unsafe-inline'; only the API viewer
// (/api/docs, Swagger UI, which sets inline styles from script) gets a slightly relaxed policy.
import type { FastifyInstance } from 'fastify';

export const STRICT_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self' data:",
  "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
].join('; ');

export const DOCS_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:",
  "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
].join('; ');

export const DOCS_PREFIX = '/api/docs';

function isDocs(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === DOCS_PREFIX || path.startsWith(DOCS_PREFIX + '/');
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('content-security-policy', isDocs(req.url) ? DOCS_CSP : STRICT_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (req.url.startsWith('/api/') && !isDocs(req.url)) reply.header('cache-control', 'no-store');
    return payload;
  });
}
