// /api/context and /api/juries — every route scoped and checked by policy.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../server/app.js';
import { requireActor, requireAuth } from '../auth/context.js';
import { ErrorResponse } from '../auth/schemas.js';
import { bulkTransition } from './bulk-transition.js';
import { changeStateExceptionally } from './change-state-exceptionally.js';
import { getContext } from './get-context.js';
import { getSummary } from './get-summary.js';
import { searchJuries } from './list-juries.js';
import {
  BulkBody, BulkResultDto, CodeParams, EmergencyBody, ExceptionalBody, JuryDto, JuryList, JuryQuery, SessionContextDto, SummaryDto,
  TransitionBody,
} from './schemas.js';
import { toggleEmergency } from './toggle-emergency.js';
import { transitionJury } from './transition-jury.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export function juriesRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { handle, now } = deps;

  r.get('/api/context', {
    schema: { tags: ['juries'], summary: 'Contexte : session, académie, établissement', response: { 200: SessionContextDto, ...errors } },
  }, async (req) => getContext(handle.db, requireActor(req)));

  r.get('/api/juries', {
    schema: { tags: ['juries'], summary: 'Rechercher les jurys : une page, triée et filtrée par le serveur', querystring: JuryQuery, response: { 200: JuryList, ...errors } },
  }, async (req) => searchJuries(handle.db, requireActor(req), req.query));

  r.get('/api/juries/summary', {
    schema: { tags: ['juries'], summary: 'Nombre de jurys par état et actions groupées (Vue synthétique)', response: { 200: SummaryDto, ...errors } },
  }, async (req) => ({ states: await getSummary(handle.db, requireActor(req)) }));

  r.post('/api/juries/bulk-transitions', {
    schema: { tags: ['juries'], summary: 'Action groupée sur tous les jurys concernés', body: BulkBody, response: { 200: BulkResultDto, ...errors } },
  }, async (req) => {
    const auth = requireAuth(req);
    return bulkTransition(handle, auth.actor, req.body.action, now(), auth.actingMember);
  });

  r.post('/api/juries/:code/transitions', {
    schema: {
      tags: ['juries'], summary: "Changement d'état normal d'un jury", params: CodeParams, body: TransitionBody, response: { 200: JuryDto, ...errors },
    },
  }, async (req) => {
    const auth = requireAuth(req);
    return transitionJury(handle, auth.actor, req.params.code, req.body, now(), auth.actingMember);
  });

  r.post('/api/juries/:code/exceptional-state', {
    schema: {
      tags: ['juries'], summary: "Gérer l'avancement des jurys (changement exceptionnel, motif obligatoire)",
      params: CodeParams, body: ExceptionalBody, response: { 200: JuryDto, ...errors },
    },
  }, async (req) => changeStateExceptionally(handle, requireActor(req), req.params.code, req.body, now()));

  r.post('/api/juries/:code/emergency', {
    schema: {
      tags: ['juries'], summary: "Activer (motif obligatoire) ou désactiver l'accès de secours d'un jury (académie)",
      params: CodeParams, body: EmergencyBody, response: { 200: JuryDto, ...errors },
    },
  }, async (req) => toggleEmergency(handle, requireActor(req), req.params.code, req.body.enabled, now(), req.body.reason));
}
