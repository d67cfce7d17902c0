// Use case: the juries of an edition screen (every jury of the actor's scope, the ineligible ones
// greyed with the reason from the domain), and the server-side check of a request's juries: out of
// scope → 404, wrong state → refused with the reason (publication embargo included).
import { pvToSign } from '../verification/pv-versions.js';
import type { Db } from '../../db/connect.js';
import { EDITION_STATES, type EditionKind, type Group } from '../../domain/index.js';
import { JURY_STATE_LABELS, type Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { juriesInScope, type ScopedJury } from '../juries/jury-scope.js';
import { defaultGroup, EDITIONS } from './catalog.js';
import { candidateCentreFilter, editionRoleVerdict, juryEditionAvailability } from './policies.js';
import type { EditionJuryDto } from './schemas.js';
import type { EditionScope } from './snapshot/context.js';

export const NO_JURY_SELECTED = 'Sélectionnez au moins un jury.';

/** The group asked for, or the edition's default; refused when the edition does not exist for it. */
export function groupFor(kind: EditionKind, group: Group | undefined): Group {
  const g = group ?? defaultGroup(kind);
  if (EDITION_STATES[kind][g] === undefined) {
    throw new AppError('VALIDATION', `L'édition « ${EDITIONS[kind].label} » n'existe pas pour le ${g === 1 ? '1er' : '2nd'} groupe.`);
  }
  return g;
}

function present(actor: Actor, j: ScopedJury, kind: EditionKind, group: Group, pvAvis: string | null = null): EditionJuryDto {
  const a = juryEditionAvailability(actor, j, kind, group);
  return {
    pvAvis,
    code: j.code,
    specialiteCode: j.specialiteCode,
    specialiteLibelle: j.specialiteLibelle,
    etat: j.etat,
    etatLibelle: JURY_STATE_LABELS[j.etat],
    selectable: a.ok,
    reason: a.ok ? null : a.reason,
  };
}

export interface EditionJuriesPage {
  readonly group: Group;
  readonly juries: EditionJuryDto[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly selectableCodes: string[];
}

/**
 * The juries of the scope with whether each may be selected for the edition (and why not): one page
 * of those matching `q` (code, spécialité or state label), in code order, and the codes of every
 * selectable jury (a national session has 5 005 juries: the académie selects them all without
 * receiving them all).
 */
export async function listEditionJuries(
  db: Db, actor: Actor, kind: EditionKind, q: { group?: Group | undefined; page?: number; pageSize?: number; q?: string | undefined } = {},
): Promise<EditionJuriesPage> {
  enforce(editionRoleVerdict(actor, kind));
  const g = groupFor(kind, q.group);
  const inScope = [...await juriesInScope(db, actor)].sort((a, b) => a.code.localeCompare(b.code));
  const selectableCodes = inScope.filter((j) => juryEditionAvailability(actor, j, kind, g).ok).map((j) => j.code);
  const f = q.q?.toLowerCase();
  const matching = f
    ? inScope.filter((j) => [j.code, j.specialiteCode, j.specialiteLibelle, `${j.etat} ${JURY_STATE_LABELS[j.etat]}`].some((v) => v.toLowerCase().includes(f)))
    : inScope;
  const pageSize = q.pageSize ?? matching.length;
  const last = Math.max(1, Math.ceil(matching.length / Math.max(1, pageSize)));
  const page = Math.min(q.page ?? 1, last);
  const rows = matching.slice((page - 1) * pageSize, page * pageSize);
  const avis = await Promise.all(rows.map((j) => pvToSign(db, j.code, g)));
  return { group: g, juries: rows.map((j, i) => present(actor, j, kind, g, avis[i] ?? null)), total: matching.length, page, pageSize, selectableCodes };
}

export interface ScopeRequest {
  readonly kind: EditionKind;
  readonly group?: Group | undefined;
  readonly juries: readonly string[];
}

/**
 * The checked scope of a request. With no jury given: every eligible jury of the scope when
 * `allEligibleByDefault` (command line, or an edition over all juries), else refused.
 */
export async function resolveScope(db: Db, actor: Actor, req: ScopeRequest, allEligibleByDefault = false): Promise<EditionScope> {
  enforce(editionRoleVerdict(actor, req.kind));
  const group = groupFor(req.kind, req.group);
  const inScope = await juriesInScope(db, actor);
  const byCode = new Map(inScope.map((j) => [j.code, j]));
  let codes = [...new Set(req.juries)];
  if (codes.length === 0) {
    if (!allEligibleByDefault && !EDITIONS[req.kind].allJuriesByDefault) throw new AppError('VALIDATION', NO_JURY_SELECTED);
    codes = inScope.filter((j) => juryEditionAvailability(actor, j, req.kind, group).ok).map((j) => j.code);
    if (codes.length === 0) {
      const reasons = inScope.map((j) => `${j.code} : ${present(actor, j, req.kind, group).reason ?? ''}`);
      throw new AppError('GUARD_REFUSED', `Aucun jury ne permet cette édition : « ${EDITIONS[req.kind].label} ».`, reasons.map((message) => ({ message })));
    }
  }
  const missing = codes.filter((c) => !byCode.has(c));
  if (missing.length) throw new AppError('NOT_FOUND', `Jury introuvable : ${missing.join(', ')}.`);
  const refused = codes
    .map((c) => ({ code: c, a: juryEditionAvailability(actor, byCode.get(c)!, req.kind, group) }))
    .filter((x) => !x.a.ok)
    .map((x) => ({ subject: x.code, message: x.a.ok ? '' : x.a.reason }));
  if (refused.length) {
    throw new AppError('GUARD_REFUSED', refused.length === 1 ? `Édition refusée pour le jury ${refused[0]!.subject} : ${refused[0]!.message}` : `Édition refusée : ${refused.length} jurys ne sont pas dans un état qui la permet.`, refused);
  }
  const centreEpreuve = candidateCentreFilter(actor);
  return {
    actor,
    kind: req.kind,
    group,
    juries: codes.map((c) => byCode.get(c)!).sort((a, b) => a.code.localeCompare(b.code)),
    ...(centreEpreuve ? { centreEpreuve } : {}),
  };
}
