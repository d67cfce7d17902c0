// The French sentences of the engine's trace, one builder per rule id.

import { formatFr, type Rational } from '../rational.js';
import { formatHundredths } from '../grades.js';
import type { Group1RuleId, Group2RuleId, Trace } from './result.js';

function list(codes: readonly string[]): string {
  return codes.join(', ');
}

function threshold(h: number): string {
  // 1000 -> "10", 850 -> "8,50"
  return h % 100 === 0 ? String(h / 100) : formatHundredths(h);
}

function t1(rule: Group1RuleId, message: string): Trace<Group1RuleId> {
  return { rule, message };
}

function t2(rule: Group2RuleId, message: string): Trace<Group2RuleId> {
  return { rule, message };
}

export const traces = {
  missingUnits(codes: readonly string[]): Trace<Group1RuleId> {
    const what = codes.length === 1 ? `Unité ${list(codes)}` : `Unités ${list(codes)}`;
    return t1('INCOMPLET_UNITE_MANQUANTE', `${what} sans note : résultat incomplet`);
  },
  noUnit(): Trace<Group1RuleId> {
    return t1('INCOMPLET_AUCUNE_UNITE', 'Aucune unité obligatoire prise en compte : résultat incomplet');
  },
  absence(codes: readonly string[]): Trace<Group1RuleId> {
    const what = codes.length === 1 ? `à l'unité ${list(codes)}` : `aux unités ${list(codes)}`;
    return t1('REFUSE_ABSENCE', `Absence ${what} (article D643-24 : l'absence non justifiée fait obstacle à la délivrance du diplôme) : refusé`);
  },
  admis(moyenne: Rational, admisCenti: number): Trace<Group1RuleId> {
    return t1('ADMIS_MOYENNE', `Moyenne ${formatFr(moyenne)} ≥ ${threshold(admisCenti)} : admis`);
  },
  controlePro(moyenne: Rational, pro: Rational, p: Thresholds): Trace<Group1RuleId> {
    return t1(
      'CONTROLE_MOYENNE_PRO',
      `Moyenne ${formatFr(moyenne)} entre ${threshold(p.controleMinCenti)} et ${threshold(p.admisCenti)} et moyenne des épreuves professionnelles ${formatFr(pro)} ≥ ${threshold(p.proMinCenti)} : passe les épreuves de contrôle`,
    );
  },
  controleSansPro(moyenne: Rational, p: Thresholds): Trace<Group1RuleId> {
    return t1(
      'CONTROLE_SANS_EPREUVE_PRO',
      `Moyenne ${formatFr(moyenne)} entre ${threshold(p.controleMinCenti)} et ${threshold(p.admisCenti)}, sans épreuve professionnelle comptée : passe les épreuves de contrôle`,
    );
  },
  refusePro(moyenne: Rational, pro: Rational, p: Thresholds): Trace<Group1RuleId> {
    return t1(
      'REFUSE_MOYENNE_PRO',
      `Moyenne ${formatFr(moyenne)} entre ${threshold(p.controleMinCenti)} et ${threshold(p.admisCenti)} mais moyenne des épreuves professionnelles ${formatFr(pro)} < ${threshold(p.proMinCenti)} : refusé`,
    );
  },
  refuse(moyenne: Rational, p: Thresholds): Trace<Group1RuleId> {
    return t1('REFUSE_MOYENNE', `Moyenne ${formatFr(moyenne)} < ${threshold(p.controleMinCenti)} : refusé`);
  },
  noChoices(): Trace<Group2RuleId> {
    return t2('CONTROLE_INCOMPLET_CHOIX', 'Épreuves de contrôle non choisies : résultat incomplet');
  },
  invalidChoices(reasons: readonly string[]): Trace<Group2RuleId> {
    return t2('CONTROLE_CHOIX_INVALIDE', `Choix des épreuves de contrôle invalide (${reasons.join(' ; ')}) : résultat incomplet`);
  },
  missingControle(codes: readonly string[]): Trace<Group2RuleId> {
    const what = codes.length === 1 ? `l'unité ${list(codes)}` : `les unités ${list(codes)}`;
    return t2('CONTROLE_INCOMPLET_NOTE', `Note de contrôle manquante pour ${what} : résultat incomplet`);
  },
  admisControle(moyenne: Rational, admisCenti: number): Trace<Group2RuleId> {
    return t2('ADMIS_CONTROLE', `Moyenne après les épreuves de contrôle ${formatFr(moyenne)} ≥ ${threshold(admisCenti)} : admis`);
  },
  refuseControle(moyenne: Rational, admisCenti: number): Trace<Group2RuleId> {
    return t2('REFUSE_CONTROLE', `Moyenne après les épreuves de contrôle ${formatFr(moyenne)} < ${threshold(admisCenti)} : refusé`);
  },
};

export interface Thresholds {
  readonly admisCenti: number;
  readonly controleMinCenti: number;
  readonly proMinCenti: number;
}
