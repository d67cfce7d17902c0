// /api/journal — scoped by policy.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../server/app.js';
import { requireActor } from '../auth/context.js';
import { ErrorResponse } from '../auth/schemas.js';
import { readJournal } from './list-journal.js';
import { JournalPage, JournalQuery } from './schemas.js';

export function journalRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/journal', {
    schema: {
      tags: ['journal'],
      summary: 'Journal des changements (académie : tout ; centre : ses jurys ; jury : le sien)',
      querystring: JournalQuery,
      response: { 200: JournalPage, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
  }, async (req) => readJournal(deps.handle.db, requireActor(req), req.query));
}
