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
import { protectedRefusalMessage, summaryLines } from '../features/import/summary.js';
import type { AppDeps } from './app.js';
import { AppError } from '../errors/app-error.js';
import { extractZip, isZip } from './unzip.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const ImportOk = z.object({
  /** the counts, by key (for programs) */
  summary: z.record(z.string(), z.number()),
  /** the same, labelled in French, in display order (the screen's "Bilan de l'import") */
  bilan: z.array(z.object({ libelle: z.string(), nombre: z.number() })),
});
const ImportRejected = z.object({
  code: z.literal('IMPORT_REJECTED'),
  message: z.string(),
  /** every file's errors, the first ones of each file (file after file, in line order) */
  errors: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
  errorCount: z.number(),
  /** the number of errors of each file, all counted */
  errorsByFile: z.record(z.string(), z.number()),
  /** what the import would change in juries whose deliberation is open (first 200), when that is the reason */
  changes: z.array(z.object({
    jury: z.string(), etat: z.string(), candidat: z.string(), champ: z.string(), avant: z.string(), apres: z.string(), refus: z.string().nullable(),
  })),
  changeCount: z.number(),
  corrections: z.boolean(),
});

export const ONE_FILE_ONLY = 'Un seul fichier est attendu : joignez une seule archive .zip. Rien n’a été importé.';

/**
 * The one .zip of the upload. The whole request is read before anything is imported: a second file
 * part (smuggled next to a valid archive) refuses the upload instead of being silently ignored.
 */
async function readZipUpload(req: FastifyRequest): Promise<{ bytes: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier .zip en multipart/form-data.');
  let upload: { filename: string; bytes: Buffer } | null = null;
  let extra = false;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') {
        // the corrections choice and its reason (the only fields the import reads)
        if ((part.fieldname === 'corrections' || part.fieldname === 'motif') && typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (upload) {
        extra = true;
        part.file.resume(); // drain it: the request must be read to its end
        continue;
      }
      upload = { filename: part.filename, bytes: await part.toBuffer() };
    }
  } catch (e) {
    // busboy's own limit (limits.files = 1) stops at the second file
    if ((e as { code?: string }).code === 'FST_FILES_LIMIT') throw new AppError('VALIDATION', ONE_FILE_ONLY);
    throw e;
  }
  if (extra) throw new AppError('VALIDATION', ONE_FILE_ONLY);
  if (!upload) throw new AppError('VALIDATION', 'Aucun fichier reçu : joignez une archive .zip.');
  if (!/\.zip$/i.test(upload.filename) || !isZip(upload.bytes)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Le fichier doit être une archive .zip contenant les fichiers CSV de la session.');
  }
  return { bytes: upload.bytes, fields };
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
    const { bytes, fields } = await readZipUpload(req);
    const corrections = fields.corrections === 'oui';
    const motif = (fields.motif ?? '').trim();
    if (corrections && !motif) throw new AppError('VALIDATION', 'Les corrections demandent un motif : il est journalisé avec chaque correction. Rien n’a été importé.');
    if (motif.length > 1000) throw new AppError('VALIDATION', 'Le motif est trop long (1 000 caractères au plus).');
    const dir = mkdtempSync(join(tmpdir(), 'delib-import-'));
    try {
      const folder = extractZip(bytes, dir);
      // loaded on first use: the importer is large and only the académie calls it
      const { importSession } = await import('../features/import/import-session.js');
      const result = await importSession(deps.handle, folder, actor, deps.now(), corrections ? { corrections: { motif } } : {});
      if (result.ok) return { summary: { ...result.summary }, bilan: summaryLines(result.summary) };
      const files = Object.keys(result.errorsByFile).length;
      return reply.code(422).send({
        code: 'IMPORT_REJECTED' as const,
        message: result.changeCount > 0
          ? protectedRefusalMessage(result)
          : `L'import est refusé : ${result.errorCount} erreur(s) dans ${files} fichier(s). Rien n'a été enregistré.`,
        errors: result.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })),
        errorCount: result.errorCount,
        errorsByFile: { ...result.errorsByFile },
        changes: result.changes.map((c) => ({ ...c })),
        changeCount: result.changeCount,
        corrections: result.corrections,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
