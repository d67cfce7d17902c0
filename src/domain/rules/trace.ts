// The French sentences of the engine's trace, one builder per rule id.

import { formatFr, truncateHundredths, type Rational } from '../rational.js';
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

/** The group-1 rules whose sentence depends on the averages (and the thresholds) only. */
export type AverageRuleId = 'ADMIS_MOYENNE' | 'CONTROLE_SANS_EPREUVE_PRO' | 'CONTROLE_MOYENNE_PRO' | 'REFUSE_MOYENNE_PRO' | 'REFUSE_MOYENNE';
const AVERAGE_RULES: readonly AverageRuleId[] = ['ADMIS_MOYENNE', 'CONTROLE_SANS_EPREUVE_PRO', 'CONTROLE_MOYENNE_PRO', 'REFUSE_MOYENNE_PRO', 'REFUSE_MOYENNE'];

function averageTraceOf(rule: AverageRuleId, moyenne: Rational, pro: Rational | null, p: Thresholds): Trace<Group1RuleId> {
  switch (rule) {
    case 'ADMIS_MOYENNE':
      return traces.admis(moyenne, p.admisCenti);
    case 'CONTROLE_SANS_EPREUVE_PRO':
      return traces.controleSansPro(moyenne, p);
    case 'CONTROLE_MOYENNE_PRO':
      return traces.controlePro(moyenne, pro!, p);
    case 'REFUSE_MOYENNE_PRO':
      return traces.refusePro(moyenne, pro!, p);
    case 'REFUSE_MOYENNE':
      return traces.refuse(moyenne, p);
  }
}

// The sentence shows the averages truncated to 2 decimals: candidates with the same displayed
// averages share one trace (most candidates: building the sentence cost more than deciding). Traces
// are found by the displayed hundredths (array indexes: no hashing per candidate).
const KEY_LIMIT = 4096;
const MAX_SHARED = 20_000;
type PerMoyenne = Trace<Group1RuleId> | Map<number, Trace<Group1RuleId>> | undefined;
interface SharedTraces {
  /** by rule, by displayed moyenne: the trace (1 average), or the traces by displayed moyenne pro (2 averages) */
  readonly byRule: PerMoyenne[][];
  count: number;
}
const shared = new WeakMap<Thresholds, SharedTraces>();
let lastThresholds: Thresholds | null = null;
let lastTraces: SharedTraces | null = null;

/** The trace of a rule decided on the averages (same sentence as `traces`), shared between candidates. */
export function averageTrace(rule: AverageRuleId, moyenne: Rational, pro: Rational | null, p: Thresholds): Trace<Group1RuleId> {
  const t = truncateHundredths(moyenne);
  const tp = pro === null ? 0 : truncateHundredths(pro);
  if (typeof t !== 'number' || typeof tp !== 'number' || t < 0 || tp < 0 || t >= KEY_LIMIT || tp >= KEY_LIMIT) return averageTraceOf(rule, moyenne, pro, p);
  let cache = p === lastThresholds ? lastTraces : shared.get(p);
  if (!cache) shared.set(p, (cache = { byRule: AVERAGE_RULES.map(() => new Array<PerMoyenne>(KEY_LIMIT)), count: 0 }));
  lastThresholds = p;
  lastTraces = cache;
  const byMoyenne = cache.byRule[AVERAGE_RULES.indexOf(rule)]!;
  const two = pro !== null;
  const slot = byMoyenne[t];
  let trace = two ? (slot as Map<number, Trace<Group1RuleId>> | undefined)?.get(tp) : (slot as Trace<Group1RuleId> | undefined);
  if (trace === undefined) {
    trace = averageTraceOf(rule, moyenne, pro, p);
    if (cache.count < MAX_SHARED) {
      cache.count++;
      if (!two) byMoyenne[t] = trace;
      else ((byMoyenne[t] ??= new Map()) as Map<number, Trace<Group1RuleId>>).set(tp, trace);
    }
  }
  return trace;
}
