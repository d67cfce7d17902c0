// Loading what the jury portal works on, within the actor's scope: a jury or a candidate outside it
// does not exist for the actor (404); in scope but not readable (a centre d'épreuve) is 403.
import type { Db } from '../../db/connect.js';
import { findDeliberationCandidate, type DeliberationCandidate } from '../../db/repositories/deliberation.js';
import { findJury, type JuryView } from '../../db/repositories/juries.js';
import type { CandidateFacts } from '../../domain/policies.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import { enforce } from '../auth/authorize.js';
import { findJuryInScope, type ScopedJury } from '../juries/jury-scope.js';
import { candidateReadVerdict, readVerdict } from './policies.js';

export const JURY_NOT_FOUND = 'Jury introuvable.';
export const CANDIDATE_NOT_FOUND = 'Candidat introuvable.';
export const NOT_READABLE = 'Les notes et les décisions de ce jury ne vous sont pas accessibles dans son état actuel.';

/** A jury whose candidates, grades and proposed decisions the actor may read. */
export async function loadReadableJury(db: Db, actor: Actor, code: string): Promise<ScopedJury> {
  const jury = await findJuryInScope(db, actor, code);
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
  const candidate = await findDeliberationCandidate(db, id);
  const jury = candidate ? await findJury(db, candidate.juryCode) : undefined;
  if (!candidate || !jury) throw new AppError('NOT_FOUND', CANDIDATE_NOT_FOUND);
  if (candidateReadVerdict(actor, candidateFacts(candidate), jury.etat) === 'hidden') throw new AppError('NOT_FOUND', CANDIDATE_NOT_FOUND);
  return { candidate, jury };
}

/** A candidate whose grades and proposed decisions the actor may read. */
export async function loadReadableCandidate(db: Db, actor: Actor, id: number): Promise<LoadedCandidate> {
  const loaded = await loadVisibleCandidate(db, actor, id);
  enforce(candidateReadVerdict(actor, candidateFacts(loaded.candidate), loaded.jury.etat), { hidden: CANDIDATE_NOT_FOUND, forbidden: NOT_READABLE });
  return loaded;
}
