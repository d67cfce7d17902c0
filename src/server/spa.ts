// Serves the built web application (web/dist) with an index.html fallback for client-side routes.
// Unknown /api paths stay JSON 404s. Without a build, a plain French page says how to make one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { productRoot } from '../compiled.js';
import { AppError } from '../errors/app-error.js';

export const DEFAULT_WEB_DIST = join(productRoot(), 'web/dist');

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Délib</title></head>
<body><main><h1>Délib</h1>
<p>L'interface web n'est pas encore construite. Lancez <code>npm run build:web</code> puis rechargez cette page.</p>
<p>L'API est disponible sous <a href="/api/docs">/api/docs</a>.</p>
</main></body></html>
`;

export async function registerSpa(app: FastifyInstance, webDist: string = DEFAULT_WEB_DIST): Promise<void> {
  const built = existsSync(join(webDist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: false, decorateReply: true });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    if (isApi || (req.method !== 'GET' && req.method !== 'HEAD')) {
      throw new AppError('NOT_FOUND', isApi ? 'Ressource introuvable.' : 'Page introuvable.');
    }
    if (!built) return reply.code(200).type('text/html; charset=utf-8').send(MISSING_BUILD_PAGE);
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
