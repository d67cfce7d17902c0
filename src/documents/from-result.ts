// Builders of the transcript/PVI view model from the decision engine's output: the renderers print
// exactly what the engine decided (CandidateResult), with the sub-épreuves of the ruleset.

import { isSingleLeaf, leafDetails } from '../domain/rules/leaves.js';
import type { CandidateResult } from '../domain/rules/result.js';
import type { CandidateInput, Ruleset } from '../domain/types.js';
import type { TranscriptResult, TranscriptUnit } from './model.js';

/**
 * The units of a candidate for the RLN / PVI.
 * @param benefices session of origin by leaf code, for grades that are bénéfices ("2021-06")
 */
export function transcriptUnits(
  ruleset: Ruleset,
  input: CandidateInput,
  result: CandidateResult,
  benefices: Readonly<Record<string, string | null | undefined>> = {},
): TranscriptUnit[] {
  return ruleset.units.map((def, i) => {
    const unit = result.units[i];
    if (!unit || unit.code !== def.code) throw new Error(`Résultat incohérent avec le règlement (unité ${def.code})`);
    const leaves = leafDetails(def, input.grades).map((leaf) => ({
      code: leaf.code,
      libelle: leaf.libelle,
      coefCenti: leaf.coefCenti,
      grade: leaf.grade,
      benefice: benefices[leaf.code] ?? null,
    }));
    const benefice = leaves.find((l) => l.benefice)?.benefice ?? null;
    return {
      code: unit.code,
      libelle: unit.libelle,
      coefCenti: unit.coefCenti,
      domaine: unit.domaine,
      controleEligible: unit.controleEligible,
      facultative: unit.facultative,
      ects: unit.ects,
      ectsAcquis: unit.ectsAcquis,
      grade: unit.grade,
      points: unit.points,
      bonus: unit.bonus,
      benefice,
      leaves: isSingleLeaf(def) ? [] : leaves,
      controle: unit.controle,
    };
  });
}

export function transcriptResult(result: CandidateResult): TranscriptResult {
  return { group1: result.group1, group2: result.group2, finalDecision: result.finalDecision, ects: result.ects };
}
