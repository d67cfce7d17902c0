// /api/second-group — the 2nd group's organisation: choices, schedule (dates), grades (first and
// blind second entry), double entry, mismatches, missing grades. Every route scoped and checked by policy.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendFile } from '../../jobs/http.js';
import type { AppDeps } from '../../server/app.js';
import { requireActor } from '../auth/context.js';
import { ErrorResponse } from '../auth/schemas.js';
import { listDoubleEntrySettings, setDoubleEntrySetting } from './double-entry-settings.js';
import { exportChoicesCsv } from './export-choices.js';
import { searchChoicesGrid } from './list-choices.js';
import { searchGradesGrid } from './list-grades.js';
import { listMismatches, resolveMismatch } from './mismatches.js';
import { getMissingControleGrades } from './missing-grades.js';
import { saveChoices } from './save-choices.js';
import { saveControleGrades } from './save-grades.js';
import { listScheduleRows, saveScheduleRows } from './schedule.js';
import {
  ChoicesPageDto, ChoicesQuery, DoubleEntryDto, DoubleEntryJuryDto, ExportChoicesBody, GradeRowDto, GradesPageDto, GradesQuery, MismatchesDto, MissingGradesDto,
  MissingQuery, ResolveBody, SaveChoicesBody, SaveChoicesResultDto, SaveGradesBody, SaveGradesResultDto, SaveScheduleBody, SaveScheduleResultDto,
  ScheduleDto, SetDoubleEntryBody,
} from './schemas.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const tags = ['second-group'];

export function secondGroupRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { handle, now } = deps;

  r.get('/api/second-group/choices', {
    schema: {
      tags, summary: 'Choix des épreuves du 2nd groupe des candidats (jurys 198–200) : une page, triée et filtrée par le serveur',
      querystring: ChoicesQuery, response: { 200: ChoicesPageDto, ...errors },
    },
  }, async (req) => searchChoicesGrid(handle.db, requireActor(req), req.query));

  r.post('/api/second-group/choices', {
    schema: { tags, summary: 'Valider : enregistrer les choix modifiés (résultat par ligne)', body: SaveChoicesBody, response: { 200: SaveChoicesResultDto, ...errors } },
  }, async (req) => saveChoices(handle, requireActor(req), req.body.rows, now()));

  r.post('/api/second-group/choices/export', {
    schema: { tags, summary: 'Exporter CSV des choix (lignes affichées, ou toutes)', body: ExportChoicesBody },
  }, async (req, reply) => sendFile(reply, 'Choix des épreuves du 2nd groupe.csv', await exportChoicesCsv(handle.db, requireActor(req), req.body.candidateIds, req.body.criteria)));

  r.get('/api/second-group/schedule', {
    schema: { tags, summary: "Dates, heures et salles des épreuves du 2nd groupe du centre d'épreuve", response: { 200: ScheduleDto, ...errors } },
  }, async (req) => listScheduleRows(handle.db, requireActor(req)));

  r.post('/api/second-group/schedule', {
    schema: { tags, summary: 'Enregistrer les dates, heures et salles (résultat par ligne)', body: SaveScheduleBody, response: { 200: SaveScheduleResultDto, ...errors } },
  }, async (req) => saveScheduleRows(handle, requireActor(req), req.body.rows, now()));

  r.get('/api/second-group/grades', {
    schema: {
      tags, summary: 'Notes des épreuves du 2nd groupe à saisir (1re saisie ou seconde saisie à l’aveugle) : une page, filtrée par le serveur',
      querystring: GradesQuery, response: { 200: GradesPageDto, ...errors },
    },
  }, async (req) => searchGradesGrid(handle.db, requireActor(req), req.query));

  r.post('/api/second-group/grades', {
    schema: { tags, summary: 'Enregistrer des notes du 2nd groupe (résultat par ligne)', body: SaveGradesBody, response: { 200: SaveGradesResultDto, ...errors } },
  }, async (req) => saveControleGrades(handle, requireActor(req), req.body, now()));

  r.get('/api/second-group/mismatches', {
    schema: { tags, summary: 'Discordances de double saisie à résoudre', response: { 200: MismatchesDto, ...errors } },
  }, async (req) => listMismatches(handle.db, requireActor(req)));

  r.post('/api/second-group/mismatches/resolve', {
    schema: { tags, summary: 'Arbitrer une discordance : la note retenue devient les deux saisies', body: ResolveBody, response: { 200: GradeRowDto, ...errors } },
  }, async (req) => resolveMismatch(handle, requireActor(req), req.body, now()));

  r.get('/api/second-group/double-entry', {
    schema: { tags, summary: 'Épreuves soumises à la double saisie, par jury', response: { 200: DoubleEntryDto, ...errors } },
  }, async (req) => listDoubleEntrySettings(handle.db, requireActor(req)));

  r.post('/api/second-group/double-entry', {
    schema: { tags, summary: "Activer ou désactiver la double saisie d'une épreuve d'un jury", body: SetDoubleEntryBody, response: { 200: DoubleEntryJuryDto, ...errors } },
  }, async (req) => setDoubleEntrySetting(handle, requireActor(req), req.body, now()));

  r.get('/api/second-group/missing-grades', {
    schema: { tags, summary: 'Contrôler les notes manquantes (jurys à 200)', querystring: MissingQuery, response: { 200: MissingGradesDto, ...errors } },
  }, async (req) => {
    const q = req.query.jury;
    return getMissingControleGrades(handle.db, requireActor(req), q === undefined ? undefined : Array.isArray(q) ? q : [q]);
  });
}
