// /api/aides — deliberation aids (issue #16): what a jury discusses, computed from its current grades.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../server/app.js';
import { requireAuth } from '../auth/context.js';
import { ErrorResponse } from '../auth/schemas.js';
import { JuryCodeParams } from '../deliberation/schemas.js';
import { getCharts } from './get-charts.js';
import { getHarmonisation } from './get-harmonisation.js';
import { getNearThresholds } from './get-near-thresholds.js';
import { ChartsDto, HarmonisationDto, HarmonisationQuery, NearQuery, NearThresholdsDto } from './schemas.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function aidsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { handle } = deps;

  r.get('/api/aides/juries/:code/proches-seuil', {
    schema: {
      tags: ['aides'],
      summary: "Candidats proches d'un seuil (10 admis, 8 contrôle, 10 moyenne professionnelle ; marge 0,50 par défaut) et, par épreuve, la plus petite note qui change seule la décision",
      params: JuryCodeParams, querystring: NearQuery, response: { 200: NearThresholdsDto, ...errors },
    },
  }, async (req) => getNearThresholds(handle.db, requireAuth(req), req.params.code, req.query.marge));

  r.get('/api/aides/juries/:code/graphiques', {
    schema: {
      tags: ['aides'],
      summary: 'Graphiques du jury face à sa spécialité : moyennes par tranche (seuils 8 et 10), dispersion par unité, décisions',
      params: JuryCodeParams, response: { 200: ChartsDto, ...errors },
    },
  }, async (req) => getCharts(handle.db, requireAuth(req), req.params.code));

  r.get('/api/aides/harmonisation', {
    schema: {
      tags: ['aides'],
      summary: "Harmonisation des jurys d'une spécialité : taux d'admission et moyenne de chaque jury face à la spécialité, jurys éloignés signalés (règle des deux écarts-types). Seuls les jurys dont l'appelant peut consulter les notes sont montrés et comptés",
      querystring: HarmonisationQuery, response: { 200: HarmonisationDto, ...errors },
    },
  }, async (req) => getHarmonisation(handle.db, requireAuth(req), req.query.specialite));
}
