// /api/jobs (the compte-rendu of background editions) and /api/documents/:id (downloads by opaque id).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../server/app.js';
import { requireActor } from '../features/auth/context.js';
import { ErrorResponse } from '../features/auth/schemas.js';
import { supersededFileName } from '../features/editions/superseded.js';
import { defaultDocumentStore, type DocumentStore } from './document-store.js';
import { getCompteRendu, getJob, listScopeJobs, readDocument } from './get-jobs.js';
import { sendFile } from './http.js';
import { DocumentParams, JobDetailDto, JobListDto, JobListQuery, JobParams } from './schemas.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function jobsRoutes(app: FastifyInstance, deps: AppDeps, store: DocumentStore = defaultDocumentStore()): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.handle.db;

  r.get('/api/jobs', {
    schema: { tags: ['jobs'], summary: 'Traitements de mon périmètre (compte-rendu des éditions)', querystring: JobListQuery, response: { 200: JobListDto, ...errors } },
  }, async (req) => {
    const k = req.query.kind;
    return listScopeJobs(db, requireActor(req), k === undefined ? undefined : Array.isArray(k) ? k : [k]);
  });

  r.get('/api/jobs/:id', {
    schema: { tags: ['jobs'], summary: "Un traitement : état, avancement, journal, documents", params: JobParams, response: { 200: JobDetailDto, ...errors } },
  }, async (req) => getJob(db, requireActor(req), req.params.id));

  r.get('/api/jobs/:id/compte-rendu', {
    schema: { tags: ['jobs'], summary: 'Télécharger le compte rendu (texte)', params: JobParams },
  }, async (req, reply) => {
    const { name, text } = await getCompteRendu(db, requireActor(req), req.params.id);
    return sendFile(reply, name, Buffer.from(text, 'utf8'));
  });

  r.get('/api/documents/:id', {
    schema: { tags: ['jobs'], summary: "Télécharger un document produit (identifiant opaque)", params: DocumentParams },
  }, async (req, reply) => {
    const { meta, bytes, superseded } = await readDocument(db, store, requireActor(req), req.params.id);
    // superseded by a later correction: still served, under a name that says so (issue #15)
    if (superseded) reply.header('x-delib-remplace-le', superseded.at);
    return sendFile(reply, superseded ? supersededFileName(meta.name, superseded.at) : meta.name, bytes, meta.media_type);
  });
}
