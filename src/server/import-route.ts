// POST /api/imports (académie): one .zip of the exchange-format CSV files → importSession.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { enforce } from '../features/auth/authorize.js';
import { requireActor } from '../features/auth/context.js';
import { ErrorResponse } from '../features/auth/schemas.js';
import { canImportSession } from '../features/users/policies.js';
import type { AppDeps } from './app.js';
import { AppError } from './app-error.js';
import { extractZip, isZip } from './unzip.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const ImportOk = z.object({ summary: z.record(z.string(), z.unknown()) });
const ImportRejected = z.object({
  code: z.literal('IMPORT_REJECTED'),
  message: z.string(),
  errors: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
  errorCount: z.number(),
});

async function readZipUpload(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier .zip en multipart/form-data.');
  const file = await req.file();
  if (!file) throw new AppError('VALIDATION', 'Aucun fichier reçu : joignez une archive .zip.');
  const bytes = await file.toBuffer();
  if (!/\.zip$/i.test(file.filename) || !isZip(bytes)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Le fichier doit être une archive .zip contenant les fichiers CSV de la session.');
  }
  return bytes;
}

export function importRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/imports', {
    schema: {
      tags: ['imports'],
      summary: 'Importer une session (archive .zip des fichiers CSV, 50 Mo au plus) — académie',
      consumes: ['multipart/form-data'],
      response: { 200: ImportOk, 400: ErrorResponse, 403: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 422: ImportRejected },
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    enforce(canImportSession(actor));
    const bytes = await readZipUpload(req);
    const dir = mkdtempSync(join(tmpdir(), 'delib-import-'));
    try {
      const folder = extractZip(bytes, dir);
      // loaded on first use: the importer is large and only the académie calls it
      const { importSession } = await import('../features/import/import-session.js');
      const result = await importSession(deps.handle, folder, actor, deps.now());
      if (result.ok) return { summary: { ...result.summary } };
      return reply.code(422).send({
        code: 'IMPORT_REJECTED' as const,
        message: `L'import est refusé : ${result.errorCount} erreur(s). Rien n'a été enregistré.`,
        errors: result.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })),
        errorCount: result.errorCount,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
