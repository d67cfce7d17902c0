// Use cases of the edition screens: *Visualiser* / *Exporter CSV* (the file at once), *Générer*
// (a background job, visible in the compte-rendu), the livrets warning, *Mémoriser ces résultats*.
import type { Db, DbHandle } from '../../db/connect.js';
import type { Actor } from '../../domain/types.js';
import { enqueueJob } from '../../jobs/repository.js';
import { AppError } from '../../server/app-error.js';
import { enforce } from '../auth/authorize.js';
import { EDITIONS, jobKindOf } from './catalog.js';
import { countScolairesWithoutLivret } from './data/candidates.js';
import { getPreference, savePreference } from './data/preferences.js';
import type { EditionJobParams } from './edition-job.js';
import type { EditionFile } from './output.js';
import { editionRoleVerdict } from './policies.js';
import { checkRequest, livretsWarning, produceEdition } from './produce-edition.js';
import { resolveScope } from './select-juries.js';
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
  const params: EditionJobParams = { request: req, ...(portalUrl ? { portalUrl } : {}) };
  const jobId = await enqueueJob(handle.db, {
    kind: jobKindOf(kind, scope.group),
    title: req.title,
    params,
    owner: { login: actor.login, name: actor.name, role: actor.role, scope: actor.scope },
  }, now);
  return { jobId };
}

/** "Des candidats scolaires n'ont pas de statut livret …" before producing the livrets list. */
export async function checkLivrets(db: Db, actor: Actor, juries: readonly string[]): Promise<{ count: number; warning: string | null }> {
  const scope = await resolveScope(db, actor, { kind: 'livrets', juries });
  const count = await countScolairesWithoutLivret(db, scope.juries.map((j) => j.code));
  return { count, warning: livretsWarning(count) };
}

const MAX_PREFERENCE_BYTES = 20_000;
export const PREFERENCE_KEY = /^[a-z0-9-]{1,60}$/;

/** The parameters memorised by this user for an edition screen. */
export async function getEditionPreference(db: Db, actor: Actor, key: string): Promise<{ params: Record<string, unknown> | null; updatedAt: string | null }> {
  const p = await getPreference(db, actor.login, key);
  return { params: (p?.params as Record<string, unknown> | undefined) ?? null, updatedAt: p?.updatedAt ?? null };
}

/** *Mémoriser ces résultats* */
export async function saveEditionPreference(db: Db, actor: Actor, key: string, params: Record<string, unknown>, now: Date): Promise<{ params: Record<string, unknown>; updatedAt: string }> {
  if (actor.role === 'jury') enforce('forbidden');
  if (JSON.stringify(params).length > MAX_PREFERENCE_BYTES) throw new AppError('VALIDATION', 'Paramètres trop volumineux pour être mémorisés.');
  await savePreference(db, actor.login, key, params, now);
  return { params, updatedAt: now.toISOString() };
}

export function editionInfo(actor: Actor, kind: Kind) {
  enforce(editionRoleVerdict(actor, kind));
  return EDITIONS[kind];
}
