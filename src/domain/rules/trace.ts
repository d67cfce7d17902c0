// The French sentences of the engine's trace, one builder per rule id. An evaluator (bts.ts) owns
// one Traces for its thresholds: the texts it makes once are its own (no module-level state).

import { formatFr, type Rational } from '../rational.js';
import { formatHundredths } from '../grades.js';
import type { Group1RuleId, Group2RuleId, Trace } from './result.js';

function list(codes: readonly string[]): string {
  return codes.join(', ');
}

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

function formatThreshold(h: number): string {
  // 1000 -> "10", 850 -> "8,50"
  return h % 100 === 0 ? String(h / 100) : formatHundredths(h);
}

function t1(rule: Group1RuleId, message: string): Trace<Group1RuleId> {
  return { rule, message };
}

function t2(rule: Group2RuleId, message: string): Trace<Group2RuleId> {
  return { rule, message };
}

/** the sentences with one average and one threshold */
const Sentence = { Admis: 0, Refuse: 1, AdmisControle: 2, RefuseControle: 3 } as const;
type Sentence = (typeof Sentence)[keyof typeof Sentence];

export interface Thresholds {
  readonly admisCenti: number;
  readonly controleMinCenti: number;
  readonly proMinCenti: number;
}

/**
 * The trace sentences for one set of thresholds. The text of an average depends only on its
 * truncated hundredths, so the texts of values in [0, 20] (and the one-average sentences) are made
 * once each, on demand; filling an entry writes the text it always has.
 */
export class Traces {
  /** formatted averages by truncated hundredths (0..2000) */
  private readonly formatted: (string | undefined)[] = new Array<string | undefined>(2001);
  /** the one-average sentences by Sentence, then by truncated hundredths (0..2000) */
  private readonly sentences: (string | undefined)[][] = [0, 1, 2, 3].map(() => new Array<string | undefined>(2001));
  private readonly admis: string;
  private readonly controleMin: string;
  private readonly proMin: string;

  constructor(p: Thresholds) {
    this.admis = formatThreshold(p.admisCenti);
    this.controleMin = formatThreshold(p.controleMinCenti);
    this.proMin = formatThreshold(p.proMinCenti);
  }

  /** formatFr(r), made once per truncated hundredths in [0, 20] */
  private fr(r: Rational): string {
    const t = hundredthsIndex(r);
    if (t < 0) return formatFr(r);
    let s = this.formatted[t];
    if (s === undefined) this.formatted[t] = s = formatFr(r);
    return s;
  }

  /** a sentence with one average, made once per truncated hundredths of it */
  private oneAverage(kind: Sentence, average: Rational): string {
    const t = hundredthsIndex(average);
    if (t < 0) return this.make(kind, formatFr(average));
    const texts = this.sentences[kind]!;
    let s = texts[t];
    if (s === undefined) texts[t] = s = this.make(kind, this.fr(average));
    return s;
  }

  private make(kind: Sentence, m: string): string {
    switch (kind) {
      case Sentence.Admis: return `Moyenne ${m} ≥ ${this.admis} : admis`;
      case Sentence.Refuse: return `Moyenne ${m} < ${this.controleMin} : refusé`;
      case Sentence.AdmisControle: return `Moyenne après les épreuves de contrôle ${m} ≥ ${this.admis} : admis`;
      case Sentence.RefuseControle: return `Moyenne après les épreuves de contrôle ${m} < ${this.admis} : refusé`;
    }
  }

  missingUnits(codes: readonly string[]): Trace<Group1RuleId> {
    const what = codes.length === 1 ? `Unité ${list(codes)}` : `Unités ${list(codes)}`;
    return t1('INCOMPLET_UNITE_MANQUANTE', `${what} sans note : résultat incomplet`);
  }

  noUnit(): Trace<Group1RuleId> {
    return t1('INCOMPLET_AUCUNE_UNITE', 'Aucune unité obligatoire prise en compte : résultat incomplet');
  }

  absence(codes: readonly string[]): Trace<Group1RuleId> {
    const what = codes.length === 1 ? `à l'unité ${list(codes)}` : `aux unités ${list(codes)}`;
    return t1('REFUSE_ABSENCE', `Absence ${what} (article D643-24 : l'absence non justifiée fait obstacle à la délivrance du diplôme) : refusé`);
  }

  admisMoyenne(moyenne: Rational): Trace<Group1RuleId> {
    return t1('ADMIS_MOYENNE', this.oneAverage(Sentence.Admis, moyenne));
  }

  controlePro(moyenne: Rational, pro: Rational): Trace<Group1RuleId> {
    return t1(
      'CONTROLE_MOYENNE_PRO',
      `Moyenne ${this.fr(moyenne)} entre ${this.controleMin} et ${this.admis} et moyenne des épreuves professionnelles ${this.fr(pro)} ≥ ${this.proMin} : passe les épreuves de contrôle`,
    );
  }

  controleSansPro(moyenne: Rational): Trace<Group1RuleId> {
    return t1(
      'CONTROLE_SANS_EPREUVE_PRO',
      `Moyenne ${this.fr(moyenne)} entre ${this.controleMin} et ${this.admis}, sans épreuve professionnelle comptée : passe les épreuves de contrôle`,
    );
  }

  refusePro(moyenne: Rational, pro: Rational): Trace<Group1RuleId> {
    return t1(
      'REFUSE_MOYENNE_PRO',
      `Moyenne ${this.fr(moyenne)} entre ${this.controleMin} et ${this.admis} mais moyenne des épreuves professionnelles ${this.fr(pro)} < ${this.proMin} : refusé`,
    );
  }

  refuse(moyenne: Rational): Trace<Group1RuleId> {
    return t1('REFUSE_MOYENNE', this.oneAverage(Sentence.Refuse, moyenne));
  }

  noChoices(): Trace<Group2RuleId> {
    return t2('CONTROLE_INCOMPLET_CHOIX', 'Épreuves de contrôle non choisies : résultat incomplet');
  }

  invalidChoices(reasons: readonly string[]): Trace<Group2RuleId> {
    return t2('CONTROLE_CHOIX_INVALIDE', `Choix des épreuves de contrôle invalide (${reasons.join(' ; ')}) : résultat incomplet`);
  }

  missingControle(codes: readonly string[]): Trace<Group2RuleId> {
    const what = codes.length === 1 ? `l'unité ${list(codes)}` : `les unités ${list(codes)}`;
    return t2('CONTROLE_INCOMPLET_NOTE', `Note de contrôle manquante pour ${what} : résultat incomplet`);
  }

  admisControle(moyenne: Rational): Trace<Group2RuleId> {
    return t2('ADMIS_CONTROLE', this.oneAverage(Sentence.AdmisControle, moyenne));
  }

  refuseControle(moyenne: Rational): Trace<Group2RuleId> {
    return t2('REFUSE_CONTROLE', this.oneAverage(Sentence.RefuseControle, moyenne));
  }
}
