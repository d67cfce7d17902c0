// The French message of a refused contrôle choice, for the screen that records choices. The rule
// itself (which units a CONTROLE candidate may choose) is the engine's: choiceRefusals in
// src/domain/rules/controle.ts, so that the screen offers exactly what the engine accepts.
import { choiceRefusals, type CandidateResult } from '../../domain/rules/index.js';

/**
 * Why the choice (a, b) is refused, in French, or null when it is valid. `label` names a unit for the
 * message ("Culture générale et expression").
 */
export function choiceProblem(result: CandidateResult, a: string, b: string, label: (code: string) => string): string | null {
  if (a === b) return `La même discipline « ${label(a)} » est choisie deux fois : choisissez deux disciplines différentes.`;
  const { refused } = choiceRefusals(a, b, (code) => result.units.find((u) => u.code === code));
  if (refused.length === 0) return null;
  const text = refused.map(({ code, refusal }) => {
    switch (refusal) {
      case 'INCONNUE': return `l'épreuve « ${code} » n'existe pas dans la spécialité`;
      case 'DISPENSE': return `le candidat est dispensé (DI) de « ${label(code)} »`;
      case 'FACULTATIVE':
      case 'HORS_CONTROLE': return `« ${label(code)} » ne peut pas être choisie en épreuve de contrôle`;
    }
  }).join(' ; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
