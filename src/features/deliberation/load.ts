// Loading what the jury portal works on, within the actor's scope: a jury or a candidate outside it
// does not exist for the actor (404); in scope but not readable (a centre d'épreuve) is 403.
import type { Db } from '../../db/connect.js';
import { findDeliberationCandidateWithJury, type DeliberationCandidate } from '../../db/repositories/deliberation.js';
import type { JuryView } from '../../db/repositories/juries.js';
import type { CandidateFacts } from '../../domain/policies.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import type { AuthContext } from '../auth/context.js';
import { juryVisibility } from '../juries/policies.js';
import { findJuryInScope, type ScopedJury } from '../juries/jury-scope.js';
import { candidateReadVerdict, readVerdict } from './policies.js';

export const JURY_NOT_FOUND = 'Jury introuvable.';
export const CANDIDATE_NOT_FOUND = 'Candidat introuvable.';
export const NOT_READABLE = 'Les notes et les décisions de ce jury ne vous sont pas accessibles dans son état actuel.';

/**
 * The jury in the actor's scope: a jury account's own jury was read with its session by this request
 * (auth.jury), any other is read now.
 */
async function juryInScope(db: Db, auth: AuthContext | Actor, code: string): Promise<ScopedJury | undefined> {
  if ('actor' in auth) {
    const own = auth.jury;
    if (own && own.code === code && auth.actor.role === 'jury') return juryVisibility(auth.actor, own) === 'allowed' ? own : undefined;
    return findJuryInScope(db, auth.actor, code);
  }
  return findJuryInScope(db, auth, code);
}

/** A jury whose candidates, grades and proposed decisions the actor may read. */
export async function loadReadableJury(db: Db, auth: AuthContext | Actor, code: string): Promise<ScopedJury> {
  const actor = 'actor' in auth ? auth.actor : auth;
  const jury = await juryInScope(db, auth, code);
  if (!jury) throw new AppError('NOT_FOUND', JURY_NOT_FOUND);
  enforce(readVerdict(actor, jury), { hidden: JURY_NOT_FOUND, forbidden: NOT_READABLE });
  return jury;
}

export function candidateFacts(c: DeliberationCandidate): CandidateFacts {
  return { juryCode: c.juryCode, centreDeliberationUai: c.centreDeliberationUai, centreEpreuveUai: c.centreEpreuveUai };
}

export interface LoadedCandidate {
  readonly candidate: DeliberationCandidate;
  readonly jury: JuryView;
}

/** A candidate the actor may see (else 404), with his jury; not checked for reading grades. */
export async function loadVisibleCandidate(db: Db, actor: Actor, id: number): Promise<LoadedCandidate> {
  const found = await findDeliberationCandidateWithJury(db, id);
  if (!found) throw new AppError('NOT_FOUND', CANDIDATE_NOT_FOUND);
  const { candidate, jury } = found;
  if (candidateReadVerdict(actor, candidateFacts(candidate), jury.etat) === 'hidden') throw new AppError('NOT_FOUND', CANDIDATE_NOT_FOUND);
  return { candidate, jury };
}

/** A candidate whose grades and proposed decisions the actor may read. */
export async function loadReadableCandidate(db: Db, actor: Actor, id: number): Promise<LoadedCandidate> {
  const loaded = await loadVisibleCandidate(db, actor, id);
  enforce(candidateReadVerdict(actor, candidateFacts(loaded.candidate), loaded.jury.etat), { hidden: CANDIDATE_NOT_FOUND, forbidden: NOT_READABLE });
  return loaded;
}
