// /api/editions — the DÉLIBÉRATION editions (SPEC §5). Every route checks the role, the scope and
// the juries' states on the server (publication embargo included); files are sent with a safe
// Content-Disposition; long editions become jobs (see /api/jobs).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/app.js';
import { sendFile } from '../../jobs/http.js';
import { requireActor } from '../auth/context.js';
import { ErrorResponse } from '../auth/schemas.js';
import { FIELD_INFO, CRITERION_FIELDS, OPERATOR_LABELS, operatorsFor } from './criteria.js';
import { portalUrlFor } from './portal-url.js';
import {
  checkLivrets, checkSchedule, editionInfo, getEditionPreference, renderEdition, requestEditionJob, saveEditionPreference, PREFERENCE_KEYS, UNKNOWN_PREFERENCE_KEY,
} from './request-edition.js';
import {
  CriteriaFieldsDto, EditionJuriesDto, EditionParamsSchema, JobCreatedDto, JuriesQuery, KindParams, LivretsCheckDto, PreferenceBody, PreferenceDto, ScheduleCheckDto,
} from './schemas.js';
import { listEditionJuries } from './select-juries.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

/**
 * The emergency portal printed on papillons (plan de secours only): DELIB_PUBLIC_URL, else the address
 * the user reached if its host is allowed (never a forged Host / X-Forwarded-Host) — see portal-url.ts.
 */
function portalUrlOf(req: FastifyRequest, kind: string): string | undefined {
  // the papillons' portal, and the public address of the verification codes (PVIs, relevés de notes)
  if (kind !== 'plan-secours' && kind !== 'rln') return undefined;
  return portalUrlFor(req, process.env, req.server.addresses().map((a) => (typeof a === 'string' ? a : a.address)));
}

/** Only the edition screens' keys: what a user may memorise stays bounded. */
const KeyParams = z.object({ key: z.enum(PREFERENCE_KEYS, { error: UNKNOWN_PREFERENCE_KEY }) });
const LivretsBody = z.object({ juries: z.array(z.string().trim().min(1).max(20)).max(2000).default([]) });

export function editionsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { handle, now } = deps;
  const db = handle.db;

  r.get('/api/editions/criteria', {
    schema: { tags: ['editions'], summary: 'Critères de sélection des candidats (SPEC §6)', response: { 200: CriteriaFieldsDto, ...errors } },
  }, async (req) => {
    requireActor(req);
    return {
      fields: CRITERION_FIELDS.map((field) => {
        const info = FIELD_INFO[field];
        return {
          field, label: info.label, type: info.type,
          operators: operatorsFor(info.type).map((op) => ({ op, label: OPERATOR_LABELS[op] })),
          choices: info.choices ? info.choices.map(([value, label]) => ({ value, label })) : null,
        };
      }),
    };
  });

  r.get('/api/editions/:kind/juries', {
    schema: {
      tags: ['editions'], summary: "Jurys de l'édition : sélectionnables ou grisés avec la raison", params: KindParams, querystring: JuriesQuery,
      response: { 200: EditionJuriesDto, ...errors },
    },
  }, async (req) => {
    const actor = requireActor(req);
    const info = editionInfo(actor, req.params.kind);
    const page = await listEditionJuries(db, actor, req.params.kind, req.query);
    return { kind: req.params.kind, label: info.label, formats: [...info.formats], job: info.job, ...page };
  });

  r.post('/api/editions/livrets/verification', {
    schema: {
      tags: ['editions'], summary: 'Candidats scolaires sans statut livret (alerte avant édition)', body: LivretsBody,
      response: { 200: LivretsCheckDto, ...errors },
    },
  }, async (req) => checkLivrets(db, requireActor(req), req.body.juries));

  r.post('/api/editions/:kind/dates-manquantes', {
    schema: {
      tags: ['editions'], summary: 'Épreuves du 2nd groupe sans date ou heure (alerte avant les convocations et les bordereaux)', params: KindParams, body: LivretsBody,
      response: { 200: ScheduleCheckDto, ...errors },
    },
  }, async (req) => checkSchedule(db, requireActor(req), req.params.kind, req.body.juries, now()));

  r.post('/api/editions/:kind/documents', {
    schema: { tags: ['editions'], summary: 'Visualiser (PDF) ou Exporter CSV : le document, tout de suite', params: KindParams, body: EditionParamsSchema },
  }, async (req, reply) => {
    const file = await renderEdition(db, requireActor(req), req.params.kind, req.body, now(), portalUrlOf(req, req.params.kind));
    return sendFile(reply, file.name, file.data, file.mediaType);
  });

  r.post('/api/editions/:kind/jobs', {
    schema: {
      tags: ['editions'], summary: 'Générer en traitement de fond (plan de secours, relevés de notes, gros lots)', params: KindParams,
      body: EditionParamsSchema, response: { 202: JobCreatedDto, ...errors },
    },
  }, async (req, reply) => {
    const created = await requestEditionJob(handle, requireActor(req), req.params.kind, req.body, now(), portalUrlOf(req, req.params.kind));
    return reply.code(202).send(created);
  });

  r.get('/api/editions/preferences/:key', {
    schema: { tags: ['editions'], summary: 'Paramètres mémorisés de cet écran', params: KeyParams, response: { 200: PreferenceDto, ...errors } },
  }, async (req) => getEditionPreference(db, requireActor(req), req.params.key));

  r.put('/api/editions/preferences/:key', {
    schema: { tags: ['editions'], summary: 'Mémoriser ces résultats', params: KeyParams, body: PreferenceBody, response: { 200: PreferenceDto, ...errors } },
  }, async (req) => saveEditionPreference(db, requireActor(req), req.params.key, req.body.params, now()));
}

