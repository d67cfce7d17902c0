// Use cases of the edition screens: *Visualiser* / *Exporter CSV* (the file at once), *Générer*
// (a background job, visible in the compte-rendu), the livrets warning, the épreuves without date
// before convocations and bordereaux, *Mémoriser ces résultats*.
import type { Db, DbHandle } from '../../db/connect.js';
import type { Actor } from '../../domain/types.js';
import { chainPositions } from '../../db/repositories/journal.js';
import { enqueueJob } from '../../jobs/repository.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { EDITIONS, jobKindOf } from './catalog.js';
import { countScolairesWithoutLivret } from './data/candidates.js';
import { getPreference, savePreference } from './data/preferences.js';
import type { EditionJobParams } from './edition-job.js';
import type { EditionFile } from './output.js';
import { editionRoleVerdict } from './policies.js';
import { checkRequest, livretsWarning, produceEdition } from './produce-edition.js';
import { resolveScope } from './select-juries.js';
import { loadContext } from './snapshot/context.js';
import { DATE_UNKNOWN, loadConvocations } from './snapshot/second-group.js';
import { etablissementLabel } from '../../documents/format.js';
import type { EditionKindSchema } from './schemas.js';
import type { z } from 'zod';

type Kind = z.infer<typeof EditionKindSchema>;

export const USE_GENERATE = 'Le plan de secours est produit par un traitement : utilisez « Générer » puis « Afficher le compte-rendu ».';

/** The document of an edition, produced now (one file). */
export async function renderEdition(db: Db, actor: Actor, kind: Kind, body: object, now: Date, portalUrl?: string): Promise<EditionFile> {
  if (kind === 'plan-secours') throw new AppError('VALIDATION', USE_GENERATE);
  const files = await produceEdition(db, actor, { ...body, kind }, now, portalUrl ? { portalUrl } : {});
  const file = files[0];
  if (!file) throw new AppError('INTERNAL');
  return file;
}

/** Checks the request now (fail fast), then queues it; the worker checks again when it runs. */
export async function requestEditionJob(handle: DbHandle, actor: Actor, kind: Kind, body: object, now: Date, portalUrl?: string): Promise<{ jobId: number }> {
  const { req, scope } = await checkRequest(handle.db, actor, { ...body, kind });
  const params: EditionJobParams = {
    request: req, juries: scope.juries.map((j) => j.code), group: scope.group,
    journalHeads: await chainPositions(handle.db, scope.juries.map((j) => j.code)),
    ...(portalUrl ? { portalUrl } : {}),
  };
  const jobId = await enqueueJob(handle.db, {
    kind: jobKindOf(kind, scope.group),
    title: req.title,
    params,
    owner: { login: actor.login, name: actor.name, role: actor.role, scope: actor.scope },
  }, now);
  return { jobId };
}

/** "Des candidats scolaires n'ont pas de statut livret …" before producing the livrets list. */
export async function checkLivrets(db: Db, actor: Actor, juries: readonly string[], allEligibleByDefault = false): Promise<{ count: number; warning: string | null }> {
  const scope = await resolveScope(db, actor, { kind: 'livrets', juries }, allEligibleByDefault);
  const count = await countScolairesWithoutLivret(db, scope.juries.map((j) => j.code));
  return { count, warning: livretsWarning(count) };
}

/** At most this many épreuves without date are listed (the count says how many there are). */
export const MAX_LISTED_WITHOUT_DATE = 200;
export const DATES_ONLY_FOR = 'La vérification des dates ne concerne que les convocations et les bordereaux du 2nd groupe.';

/** "3 épreuve(s) de candidat sans date ou sans heure : …" before producing convocations or bordereaux. */
export function scheduleWarning(count: number, kind: 'convocations' | 'bordereaux'): string | null {
  if (count === 0) return null;
  const doc = kind === 'convocations' ? 'les convocations' : 'les bordereaux de notation';
  return `${count} épreuve(s) du 2nd groupe n'ont pas de date ou d'heure : ${doc} porteront « À communiquer ». `
    + "Saisissez-les dans « Saisir les choix et dates des épreuves du 2nd groupe », ou confirmez l'édition.";
}

/**
 * The épreuves of the CONTROLE candidates of the selected juries (whose two choices are entered) that
 * have no date or no time yet: what the convocations and bordereaux would print « À communiquer ».
 */
export async function checkSchedule(
  db: Db, actor: Actor, kind: Kind, juries: readonly string[], now: Date, allEligibleByDefault = false,
): Promise<{ count: number; missing: { candidat: string; jury: string; epreuve: string; centreEpreuve: string; manque: string }[]; warning: string | null }> {
  if (kind !== 'convocations' && kind !== 'bordereaux') throw new AppError('VALIDATION', DATES_ONLY_FOR);
  const scope = await resolveScope(db, actor, { kind, juries }, allEligibleByDefault);
  const model = await loadConvocations(await loadContext(db, scope, '', now));
  const missing = model.convocations.flatMap((c) => c.epreuves
    .filter((e) => e.date === DATE_UNKNOWN || e.heure === DATE_UNKNOWN)
    .map((e) => ({
      candidat: `${c.candidate.nom} ${c.candidate.prenoms} (${c.candidate.numeroCandidat})`,
      jury: c.candidate.juryCode,
      epreuve: `${e.code} ${e.libelle}`,
      centreEpreuve: etablissementLabel(e.lieu),
      manque: e.date === DATE_UNKNOWN ? 'date et heure' : 'heure',
    })));
  return { count: missing.length, missing: missing.slice(0, MAX_LISTED_WITHOUT_DATE), warning: scheduleWarning(missing.length, kind) };
}

/** At most this many bytes (UTF-8 JSON) of memorised parameters per user and screen. */
export const MAX_PREFERENCE_BYTES = 20_000;

/**
 * The keys of "Mémoriser ces résultats": one per edition screen of the DÉLIBÉRATION menu (the ids of
 * the web's EDITION_SCREEN_CONFIGS, which tests/features/editions/preferences.test.ts keeps equal to
 * this list). A closed list, so what a user can store stays bounded: one row of at most
 * MAX_PREFERENCE_BYTES per screen, replaced on each save.
 */
export const PREFERENCE_KEYS = [
  'liste-eleves-livret', 'liste-candidats-livret', 'plan-secours-1', 'listes-candidats', 'statistiques',
  'resultats-1-centre-delib', 'pv-tenue-1', 'resultats-1-centre-epreuve', 'rln-admissibles', 'convocations-2nd-groupe',
  'bordereaux-2nd-groupe', 'notes-manquantes', 'plan-secours-2', 'resultats-2-centre-delib', 'pv-tenue-2',
  'resultats-2-centre-epreuve', 'fraudeurs-liste-rouge', 'ce-resultats-1', 'ce-resultats-2',
] as const;
export const UNKNOWN_PREFERENCE_KEY = "Paramètres inconnus : cet écran d'édition n'existe pas.";

/** The parameters memorised by this user for an edition screen. */
export async function getEditionPreference(db: Db, actor: Actor, key: string): Promise<{ params: Record<string, unknown> | null; updatedAt: string | null }> {
  const p = await getPreference(db, actor.login, key);
  return { params: (p?.params as Record<string, unknown> | undefined) ?? null, updatedAt: p?.updatedAt ?? null };
}

/** *Mémoriser ces résultats* */
export async function saveEditionPreference(db: Db, actor: Actor, key: string, params: Record<string, unknown>, now: Date): Promise<{ params: Record<string, unknown>; updatedAt: string }> {
  if (actor.role === 'jury') enforce('forbidden');
  if (!(PREFERENCE_KEYS as readonly string[]).includes(key)) throw new AppError('VALIDATION', UNKNOWN_PREFERENCE_KEY);
  if (Buffer.byteLength(JSON.stringify(params), 'utf8') > MAX_PREFERENCE_BYTES) throw new AppError('VALIDATION', 'Paramètres trop volumineux pour être mémorisés.');
  await savePreference(db, actor.login, key, params, now);
  return { params, updatedAt: now.toISOString() };
}

export function editionInfo(actor: Actor, kind: Kind) {
  enforce(editionRoleVerdict(actor, kind));
  return EDITIONS[kind];
}
