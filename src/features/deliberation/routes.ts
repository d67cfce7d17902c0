// /api/deliberation — the jury portal: candidates, PVI, grade changes, identity on demand,
// statistics, closing, and the emergency login. Every route checks the policies on the server; URLs
// carry jury codes and candidate ids only (no names, grades or decisions).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../server/app.js';
import { actorOf, cookieIsSecure, setSessionCookie } from '../auth/auth-hooks.js';
import { requireAuth } from '../auth/context.js';
import { presentMe } from '../auth/current-user.js';
import { ErrorResponse, LoginBody, MeResponse } from '../auth/schemas.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { changeGrade, GradeConflictError } from './change-grade.js';
import { closeDeliberation } from './close-deliberation.js';
import { emergencyLogin, registerEmergencyGate } from './emergency-access.js';
import { getJuryHeader } from './get-jury-header.js';
import { getOfflineBundle } from './get-offline-bundle.js';
import { getPvi } from './get-pvi.js';
import { getStatistics } from './get-statistics.js';
import { listCandidates } from './list-candidates.js';
import { OfflineBundleDto, SyncBody, SyncResultDto } from './offline-schemas.js';
import { revealIdentity } from './reveal-identity.js';
import { syncOfflineChanges } from './sync-offline-changes.js';
import {
  CandidateListDto, CandidateParams, CloseBody, GradeChangeBody, GradeConflictDto, IdentityDto, JuryCodeParams, JuryHeaderDto, PviDto,
  StatisticsDto,
} from './schemas.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export function deliberationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { handle, now } = deps;
  registerEmergencyGate(app, deps);

  r.get('/api/deliberation/juries/:code', {
    schema: {
      tags: ['deliberation'], summary: 'Le jury : président, vice-président, état et actions permises (tout état)',
      params: JuryCodeParams, response: { 200: JuryHeaderDto, ...errors },
    },
  }, async (req) => getJuryHeader(handle.db, requireAuth(req), req.params.code));

  r.get('/api/deliberation/juries/:code/candidates', {
    schema: {
      tags: ['deliberation'], summary: 'Candidats du jury (n° anonymat, moyennes, décision proposée, signalements) et décomptes par décision',
      params: JuryCodeParams, response: { 200: CandidateListDto, ...errors },
    },
  }, async (req) => listCandidates(handle.db, requireAuth(req), req.params.code));

  r.get('/api/deliberation/juries/:code/statistics', {
    schema: {
      tags: ['deliberation'], summary: 'Statistiques du jury : par décision et par épreuve', params: JuryCodeParams,
      response: { 200: StatisticsDto, ...errors },
    },
  }, async (req) => getStatistics(handle.db, requireAuth(req), req.params.code));

  r.post('/api/deliberation/juries/:code/close', {
    schema: {
      tags: ['deliberation'], summary: 'Clôturer la délibération (110 → 130, 210 → 211) ; refusée tant qu’un candidat est incomplet',
      params: JuryCodeParams, body: CloseBody, response: { 200: JuryHeaderDto, ...errors },
    },
  }, async (req) => closeDeliberation(handle, requireAuth(req), req.params.code, req.body.expectedEtat, now()));

  r.get('/api/deliberation/juries/:code/offline-bundle', {
    schema: {
      tags: ['deliberation'],
      summary: 'Portail hors ligne : données du jury (candidats sans identité, notes et versions, règlement) que le navigateur garde chiffrées',
      params: JuryCodeParams, response: { 200: OfflineBundleDto, ...errors },
    },
  }, async (req) => getOfflineBundle(handle.db, requireAuth(req), req.params.code, now()));

  r.post('/api/deliberation/juries/:code/sync', {
    schema: {
      tags: ['deliberation'],
      summary: 'Portail hors ligne : envoi, dans l’ordre, des modifications faites hors ligne (conflits renvoyés au jury)',
      params: JuryCodeParams, body: SyncBody, response: { 200: SyncResultDto, ...errors },
    },
  }, async (req) => syncOfflineChanges(handle, requireAuth(req), req.params.code, req.body, now()));

  r.get('/api/deliberation/candidates/:id/pvi', {
    schema: {
      tags: ['deliberation'], summary: 'Procès-verbal individuel (PVI) d’un candidat, avec les notes modifiables et leur version',
      params: CandidateParams, response: { 200: PviDto, ...errors },
    },
  }, async (req) => getPvi(handle.db, requireAuth(req), req.params.id));

  r.post('/api/deliberation/candidates/:id/grade-changes', {
    schema: {
      tags: ['deliberation'],
      summary: 'Modifier une note en délibération (version attendue ; 409 avec la valeur actuelle si elle a changé)',
      params: CandidateParams, body: GradeChangeBody, response: { 200: PviDto, ...errors, 409: GradeConflictDto },
    },
  }, async (req, reply) => {
    try {
      return await changeGrade(handle, requireAuth(req), req.params.id, req.body, now());
    } catch (e) {
      if (!(e instanceof GradeConflictError)) throw e;
      return reply.code(409).send({ code: e.code, message: e.message, current: e.current });
    }
  });

  r.post('/api/deliberation/candidates/:id/identity', {
    schema: {
      tags: ['deliberation'], summary: "Afficher l'identité d'un candidat (consultation journalisée)", params: CandidateParams,
      response: { 200: IdentityDto, ...errors },
    },
  }, async (req) => revealIdentity(handle, requireAuth(req), req.params.id, now()));

  r.post('/api/deliberation/emergency-login', {
    config: { public: true, skipCsrf: true },
    schema: {
      tags: ['deliberation'], summary: 'Connexion au portail jury de secours (identifiant secours-<jury>, accès activé par l’académie)',
      body: LoginBody, response: { 200: MeResponse, 401: ErrorResponse, 429: ErrorResponse },
    },
  }, async (req, reply) => {
    const { user, session } = await emergencyLogin(handle.db, {
      login: req.body.login, password: req.body.password, address: req.ip, previousToken: req.cookies[SESSION_COOKIE],
    }, now());
    setSessionCookie(reply, session.token, cookieIsSecure(req, deps.secureCookies));
    const auth = { user, actor: await actorOf(handle, user, null), sessionId: session.id, csrfToken: session.csrfToken, actingMember: null };
    return presentMe(handle, auth);
  });
}
