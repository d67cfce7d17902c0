// The French sentences of the engine's trace, one builder per rule id.

import { formatFr, type Rational } from '../rational.js';
import { formatHundredths } from '../grades.js';
import type { Group1RuleId, Group2RuleId, Trace } from './result.js';

function list(codes: readonly string[]): string {
  return codes.join(', ');
}

/** formatted values by truncated hundredths (0..2000), filled on demand */
const FORMATTED: (string | undefined)[] = new Array<string | undefined>(2001);
const THRESHOLDS: (string | undefined)[] = new Array<string | undefined>(2001);
const FAST_MAX = 2 ** 52;

/** the truncated hundredths of r when they are in 0..2000 (exact: a float division, corrected), else -1 */
function hundredthsIndex(r: Rational): number {
  const n = r.num;
  const d = r.den;
  if (typeof n === 'number' && typeof d === 'number' && n >= 0) {
    const x = n * 100;
    if (x < FAST_MAX) {
      let t = Math.floor(x / d);
      if (t * d > x) t--;
      else if ((t + 1) * d <= x) t++;
      if (t <= 2000) return t;
    }
  }
  return -1;
}

/** formatFr(r): its text depends only on the truncated hundredths of r, so the texts of values in [0, 20] are made once. */
function fr(r: Rational): string {
  const t = hundredthsIndex(r);
  if (t < 0) return formatFr(r);
  let s = FORMATTED[t];
  if (s === undefined) FORMATTED[t] = s = formatFr(r);
  return s;
}

/**
 * The sentences of a rule with one average and one threshold, made once by truncated hundredths of
 * the average (the text depends on nothing else) for the last threshold used.
 */
class Sentences {
  private threshold = Number.NaN;
  private readonly texts: (string | undefined)[] = new Array<string | undefined>(2001);

  constructor(private readonly make: (average: string, threshold: string) => string) {}

  text(average: Rational, h: number): string {
    const t = hundredthsIndex(average);
    if (t < 0) return this.make(formatFr(average), threshold(h));
    if (h !== this.threshold) {
      this.texts.fill(undefined);
      this.threshold = h;
    }
    let s = this.texts[t];
    if (s === undefined) this.texts[t] = s = this.make(fr(average), threshold(h));
    return s;
  }
}

const ADMIS = new Sentences((m, h) => `Moyenne ${m} ≥ ${h} : admis`);
const REFUSE = new Sentences((m, h) => `Moyenne ${m} < ${h} : refusé`);
const ADMIS_CONTROLE = new Sentences((m, h) => `Moyenne après les épreuves de contrôle ${m} ≥ ${h} : admis`);
const REFUSE_CONTROLE = new Sentences((m, h) => `Moyenne après les épreuves de contrôle ${m} < ${h} : refusé`);

function formatThreshold(h: number): string {
  // 1000 -> "10", 850 -> "8,50"
  return h % 100 === 0 ? String(h / 100) : formatHundredths(h);
}

function threshold(h: number): string {
  if (h >= 0 && h <= 2000 && Number.isInteger(h)) {
    let s = THRESHOLDS[h];
    if (s === undefined) THRESHOLDS[h] = s = formatThreshold(h);
    return s;
  }
  return formatThreshold(h);
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
    return t1('ADMIS_MOYENNE', ADMIS.text(moyenne, admisCenti));
  },
  controlePro(moyenne: Rational, pro: Rational, p: Thresholds): Trace<Group1RuleId> {
    return t1(
      'CONTROLE_MOYENNE_PRO',
      `Moyenne ${fr(moyenne)} entre ${threshold(p.controleMinCenti)} et ${threshold(p.admisCenti)} et moyenne des épreuves professionnelles ${fr(pro)} ≥ ${threshold(p.proMinCenti)} : passe les épreuves de contrôle`,
    );
  },
  controleSansPro(moyenne: Rational, p: Thresholds): Trace<Group1RuleId> {
    return t1(
      'CONTROLE_SANS_EPREUVE_PRO',
      `Moyenne ${fr(moyenne)} entre ${threshold(p.controleMinCenti)} et ${threshold(p.admisCenti)}, sans épreuve professionnelle comptée : passe les épreuves de contrôle`,
    );
  },
  refusePro(moyenne: Rational, pro: Rational, p: Thresholds): Trace<Group1RuleId> {
    return t1(
      'REFUSE_MOYENNE_PRO',
      `Moyenne ${fr(moyenne)} entre ${threshold(p.controleMinCenti)} et ${threshold(p.admisCenti)} mais moyenne des épreuves professionnelles ${fr(pro)} < ${threshold(p.proMinCenti)} : refusé`,
    );
  },
  refuse(moyenne: Rational, p: Thresholds): Trace<Group1RuleId> {
    return t1('REFUSE_MOYENNE', REFUSE.text(moyenne, p.controleMinCenti));
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
    return t2('ADMIS_CONTROLE', ADMIS_CONTROLE.text(moyenne, admisCenti));
  },
  refuseControle(moyenne: Rational, admisCenti: number): Trace<Group2RuleId> {
    return t2('REFUSE_CONTROLE', REFUSE_CONTROLE.text(moyenne, admisCenti));
  },
};

export interface Thresholds {
  readonly admisCenti: number;
  readonly controleMinCenti: number;
  readonly proMinCenti: number;
}
