// Which units a CONTROLE candidate may choose for the 2nd group (SPEC §3): compulsory units flagged
// contrôle that are not DI for him (bénéfice units allowed), two different ones. Pure, from the
// engine's result, so that the screen offers exactly what the engine accepts.
import type { CandidateResult, UnitResult } from '../../domain/rules/index.js';

export function eligibleUnits(result: CandidateResult): UnitResult[] {
  return result.units.filter((u) => !u.facultative && u.controleEligible && u.grade !== 'DI');
}

export function isControle(result: CandidateResult): boolean {
  return result.group1.decision === 'CONTROLE';
}

/**
 * Why the choice (a, b) is refused, in French, or null when it is valid. `label` names a unit for the
 * message ("Culture générale et expression").
 */
export function choiceProblem(result: CandidateResult, a: string, b: string, label: (code: string) => string): string | null {
  if (a === b) return `La même discipline « ${label(a)} » est choisie deux fois : choisissez deux disciplines différentes.`;
  const eligible = new Set(eligibleUnits(result).map((u) => u.code));
  const problems: string[] = [];
  for (const code of [a, b]) {
    if (eligible.has(code)) continue;
    const unit = result.units.find((u) => u.code === code);
    if (!unit) problems.push(`l'épreuve « ${code} » n'existe pas dans la spécialité`);
    else if (unit.grade === 'DI') problems.push(`le candidat est dispensé (DI) de « ${label(code)} »`);
    else problems.push(`« ${label(code)} » ne peut pas être choisie en épreuve de contrôle`);
  }
  if (problems.length === 0) return null;
  const text = problems.join(' ; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
