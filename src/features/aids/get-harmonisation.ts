// Use case: "Harmonisation des jurys" (issue #16, point 3) for the centre and the académie: per
// spécialité, each jury's admission rate and mean average beside the spécialité's.
//
// Embargo. A jury is shown only to whoever may read its grades (decideJury(…, 'viewGrades') through
// readVerdict): the académie every jury, a centre its own juries, a jury account its own jury from
// 105 on; a centre d'épreuve none. The spécialité's figures are computed over the juries shown, and
// only over them. Aggregates over all the spécialité's juries were rejected: whoever sees some of
// them subtracts what he sees from the total and obtains the others' figures — one hidden jury's own
// values when it is the only one, and, as juries are imported or corrected over the session, the
// change of one hidden jury between two readings. Nothing computed from a hidden jury is served.
// The académie sees every jury, so its figures are the spécialité's complete ones; a centre compares
// its juries with each other (the screen says so). ADR 0020.
import type { Db } from '../../db/connect.js';
import { loadCandidateInputs } from '../../db/repositories/candidate-inputs.js';
import { groupFigures, mergeFigures, type GroupFigures } from '../../domain/distribution.js';
import type { CandidateResult } from '../../domain/rules/index.js';
import { AppError } from '../../errors/app-error.js';
import type { AuthContext } from '../auth/context.js';
import { loadJuryRules } from '../deliberation/evaluate-jury.js';
import { NOT_READABLE } from '../deliberation/load.js';
import { readVerdict } from '../deliberation/policies.js';
import { juriesInScope } from '../juries/jury-scope.js';
import { presentHarmonisation } from './present-harmonisation.js';
import type { HarmonisationDto } from './schemas.js';

export const NO_SPECIALITE = 'Spécialité introuvable parmi les jurys dont vous pouvez consulter les notes.';

export async function getHarmonisation(db: Db, auth: AuthContext, specialite: string | undefined): Promise<HarmonisationDto> {
  const { actor } = auth;
  const inScope = await juriesInScope(db, actor);
  const readable = inScope.filter((j) => readVerdict(actor, j) === 'allowed');
  if (readable.length === 0) {
    if (inScope.length > 0) throw new AppError('FORBIDDEN', NOT_READABLE);
    throw new AppError('NOT_FOUND', NO_SPECIALITE);
  }
  const specialites = [...new Map(readable.map((j) => [j.specialiteCode, j.specialiteLibelle])).entries()]
    .map(([code, libelle]) => ({ code, libelle })).sort((a, b) => a.code.localeCompare(b.code));
  const chosen = specialite ? specialites.find((s) => s.code === specialite) : specialites[0];
  if (!chosen) throw new AppError('NOT_FOUND', NO_SPECIALITE);
  const shown = readable.filter((j) => j.specialiteCode === chosen.code);
  const rules = await loadJuryRules(db, chosen.code);
  // figures accumulated chunk by chunk: a large spécialité is never held in memory
  const figures = new Map<string, GroupFigures>();
  const counts = new Map<string, number>();
  for await (const chunk of loadCandidateInputs(db, { juryCodes: shown.map((j) => j.code) })) {
    const byJury = new Map<string, CandidateResult[]>();
    for (const { candidate, input } of chunk) {
      counts.set(candidate.juryCode, (counts.get(candidate.juryCode) ?? 0) + 1);
      const list = byJury.get(candidate.juryCode) ?? [];
      if (list.length === 0) byJury.set(candidate.juryCode, list);
      list.push(rules.rules.evaluate(rules.compiled, input));
    }
    for (const [code, results] of byJury) {
      const prev = figures.get(code);
      figures.set(code, prev ? mergeFigures([prev, groupFigures(results)]) : groupFigures(results));
    }
  }
  return presentHarmonisation({
    specialite: chosen,
    specialites,
    juries: shown.map((j) => ({
      code: j.code, centreUai: j.centreUai, centreLibelle: j.centreLibelle, etat: j.etat,
      candidates: counts.get(j.code) ?? 0, figures: figures.get(j.code) ?? groupFigures([]),
    })),
    wholeSession: actor.role === 'academie',
  });
}
