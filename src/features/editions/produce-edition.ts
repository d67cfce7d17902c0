// Use case: produce an edition (SPEC §5) — validate the request, check the actor's scope and the
// juries' states (the domain's rules; publication embargo included), load the snapshot, render.
// Used by the screens (direct download), the background jobs and `delib edition`.
import { safeParse } from 'zod/v4/core';
import fr from 'zod/v4/locales/fr.js';
import type { Db } from '../../db/connect.js';
import { livretsCsv, candidateListCsv, statsDecisionCsv, statsEpreuveCsv, flaggedCsv, missingGradesCsv } from '../../documents/csv.js';
import { renderCandidateList, renderLivretsList } from '../../documents/lists/candidate-lists.js';
import { renderFlaggedList } from '../../documents/lists/flagged.js';
import { renderStatsByDecision, renderStatsByEpreuve } from '../../documents/lists/stats.js';
import { renderBordereaux } from '../../documents/second-group/bordereau.js';
import { renderConvocationFiles, renderConvocations } from '../../documents/second-group/convocation.js';
import { renderMissingGrades } from '../../documents/second-group/missing-grades.js';
import { zipFiles } from '../../documents/zip.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { formatIssues } from '../../server/validation.js';
import { EDITIONS, type EditionFormat } from './catalog.js';
import { countScolairesWithoutLivret } from './data/candidates.js';
import { collectingSink, editionFile, type EditionFile, type EditionSink } from './output.js';
import { generateEmergencyPlans } from './plan-secours.js';
import { produceResultList, producePvTenue } from './produce-results.js';
import { produceRln, RLN_OPTIONS_REQUIRED } from './produce-rln.js';
import { publicBaseOf } from '../verification/code.js';
import { EditionRequestSchema, type EditionRequest } from './schemas.js';
import { resolveScope } from './select-juries.js';
import { loadContext, type EditionContext, type EditionScope } from './snapshot/context.js';
import { checkCriteria } from './snapshot/transcripts.js';
import { loadCandidateList, loadFlagged, loadLivrets } from './snapshot/lists.js';
import { loadBordereaux, loadConvocations, loadMissingGrades } from './snapshot/second-group.js';
import { loadStatsByDecision, loadStatsByEpreuve } from './snapshot/stats.js';

const french = fr().localeError;

/** Validates a request (HTTP body, job parameters, command line) with French messages. */
export function parseEditionRequest(input: unknown): EditionRequest {
  const r = safeParse(EditionRequestSchema, input, { error: french });
  if (!r.error) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new AppError('VALIDATION', formatIssues(issues), issues.map((i) => ({ subject: i.path, message: i.message })));
}

export function checkFormat(req: EditionRequest): void {
  const info = EDITIONS[req.kind];
  if (!info.formats.includes(req.format)) {
    const allowed = info.formats.map((f) => f.toUpperCase()).join(', ');
    throw new AppError('VALIDATION', `Format ${req.format.toUpperCase()} non disponible pour « ${info.label} » (formats : ${allowed}).`);
  }
}

/** "12 candidat(s) scolaire(s) n'ont pas de statut livret …" or null. */
export function livretsWarning(count: number): string | null {
  if (count === 0) return null;
  return `Des candidats scolaires n'ont pas de statut livret (${count} candidat(s)) : des établissements d'inscription n'ont pas terminé l'envoi des livrets numériques. Voulez-vous confirmer l'édition ?`;
}

export interface ProduceOptions {
  readonly sink?: EditionSink;
  /** the emergency portal's address printed on the papillons */
  readonly portalUrl?: string;
  /** no jury given: every eligible jury of the scope (command line) */
  readonly allEligibleByDefault?: boolean;
}

function simple(ctx: EditionContext, format: EditionFormat, pdf: () => Promise<Buffer>, csv?: () => Promise<Buffer>): Promise<Buffer> {
  return format === 'csv' && csv ? csv() : pdf();
}

async function render(ctx: EditionContext, req: EditionRequest, sink: EditionSink, o: ProduceOptions): Promise<void> {
  const f = req.format;
  const one = async (data: Buffer) => sink.emit(editionFile(req.title, f, data));
  switch (req.kind) {
    case 'livrets': {
      const m = await loadLivrets(ctx, req.eleves);
      return one(f === 'csv' ? livretsCsv(m) : renderLivretsList(m));
    }
    case 'liste-anonyme':
    case 'liste-correspondance':
    case 'liste-handicap':
    case 'liste-triee': {
      const m = await loadCandidateList(ctx);
      return one(f === 'csv' ? candidateListCsv(m) : renderCandidateList(m));
    }
    case 'stats-decision':
      return one(await simple(ctx, f, async () => renderStatsByDecision(await loadStatsByDecision(ctx)), async () => statsDecisionCsv(await loadStatsByDecision(ctx))));
    case 'stats-epreuve':
      return one(await simple(ctx, f, async () => renderStatsByEpreuve(await loadStatsByEpreuve(ctx)), async () => statsEpreuveCsv(await loadStatsByEpreuve(ctx))));
    case 'resultats-admis':
    case 'resultats-controle':
    case 'resultats-non-admis':
    case 'resultats-centre-epreuve':
      return one(await produceResultList(ctx, req));
    case 'pv-tenue': {
      const pv = await producePvTenue(ctx, req, sink);
      return sink.emit(editionFile(req.title, pv.format, pv.data));
    }
    case 'rln':
      return produceRln(ctx, req, sink, publicBaseOf(o.portalUrl ?? defaultPortalUrl()));
    case 'convocations': {
      const m = await loadConvocations(ctx);
      return one(f === 'zip' ? zipFiles(renderConvocationFiles(m), { mtime: ctx.header.editedAt }) : renderConvocations(m));
    }
    case 'bordereaux':
      return one(renderBordereaux(await loadBordereaux(ctx)));
    case 'notes-manquantes': {
      const m = await loadMissingGrades(ctx);
      return one(f === 'csv' ? missingGradesCsv(m) : renderMissingGrades(m));
    }
    case 'fraudeurs-liste-rouge': {
      const m = await loadFlagged(ctx);
      return one(f === 'csv' ? flaggedCsv(m) : renderFlaggedList(m));
    }
    case 'plan-secours':
      return generateEmergencyPlans(ctx, sink, { portalUrl: o.portalUrl ?? defaultPortalUrl() });
  }
}

export function defaultPortalUrl(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.DELIB_PUBLIC_URL || `http://localhost:${env.PORT || '3000'}`;
  return `${base.replace(/\/+$/, '')}/connexion`;
}

/** Everything checked before producing (or enqueuing): request, format, scope, states, livrets, criteria. */
export async function checkRequest(db: Db, actor: Actor, input: unknown, allEligibleByDefault = false): Promise<{ req: EditionRequest; scope: EditionScope }> {
  const req = parseEditionRequest(input);
  checkFormat(req);
  if (req.kind === 'rln') {
    if (!req.rln) throw new AppError('VALIDATION', RLN_OPTIONS_REQUIRED);
    checkCriteria(req.rln.criteria);
  }
  const scope = await resolveScope(db, actor, req, allEligibleByDefault);
  if (req.kind === 'livrets' && !req.confirmed) {
    const warning = livretsWarning(await countScolairesWithoutLivret(db, scope.juries.map((j) => j.code)));
    if (warning) throw new AppError('GUARD_REFUSED', warning);
  }
  return { req, scope };
}

/**
 * Produces the edition's files (emitted to `o.sink`, also returned when no sink is given).
 * Throws AppError: VALIDATION (request, format, title), NOT_FOUND (jury out of scope), FORBIDDEN
 * (role), GUARD_REFUSED (jury state, livrets not confirmed).
 */
export async function produceEdition(db: Db, actor: Actor, input: unknown, now: Date, o: ProduceOptions = {}): Promise<EditionFile[]> {
  const { req, scope } = await checkRequest(db, actor, input, o.allEligibleByDefault ?? false);
  const ctx = await loadContext(db, scope, req.title, now);
  const sink = o.sink ?? collectingSink();
  await render(ctx, req, sink, o);
  return 'files' in sink ? (sink as { files: EditionFile[] }).files : [];
}
