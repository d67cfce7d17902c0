import { describe, expect, it } from 'vitest';
import { formatFr, fromHundredths, equals, ratio, type Rational } from '../../src/domain/rational.js';
import { evaluate, compileRuleset, type CandidateResult } from '../../src/domain/rules/index.js';
import type { CandidateInput, Ruleset } from '../../src/domain/types.js';
import { ABS, AJ, DI, MEMO_31310, PIERRE, cg, g, john, ruleset, simpleRuleset } from './fixtures.js';

const fr = (r: Rational | null | undefined) => (r ? formatFr(r) : null);
const unitOf = (r: CandidateResult, code: string) => r.units.find((u) => u.code === code)!;

/** general U1 coef 1 + professionnel P1 coef 1: moyenne = (u1 + p1) / 2, pro = p1 */
function pair(u1: string, p1: string): CandidateResult {
  return evaluate(simpleRuleset(), { grades: { U1: g(u1), P1: g(p1) } });
}

describe('1st group thresholds (exact comparisons)', () => {
  it.each([
    ['5,98', '10', '7,99', 'REFUSE', 'REFUSE_MOYENNE'],
    ['6', '10', '8,00', 'CONTROLE', 'CONTROLE_MOYENNE_PRO'],
    ['9,98', '10', '9,99', 'CONTROLE', 'CONTROLE_MOYENNE_PRO'],
    ['10', '10', '10,00', 'ADMIS', 'ADMIS_MOYENNE'],
    ['6', '9,99', '7,99', 'REFUSE', 'REFUSE_MOYENNE'],
    ['8', '9,99', '8,99', 'REFUSE', 'REFUSE_MOYENNE_PRO'],
    ['10,01', '9,99', '10,00', 'ADMIS', 'ADMIS_MOYENNE'],
    ['8', '10', '9,00', 'CONTROLE', 'CONTROLE_MOYENNE_PRO'],
  ])('U1 %s, P1 %s → moyenne %s → %s (%s)', (u1, p1, moyenne, decision, rule) => {
    const r = pair(u1, p1);
    expect(fr(r.group1.moyenne)).toBe(moyenne);
    expect(r.group1.decision).toBe(decision);
    expect(r.group1.trace.rule).toBe(rule);
  });

  it('moyenne_pro 9,99 vs 10,00 with a moyenne between 8 and 10', () => {
    expect(pair('8', '9,99').group1.trace.message).toBe(
      'Moyenne 8,99 entre 8 et 10 mais moyenne des épreuves professionnelles 9,99 < 10 : refusé',
    );
    expect(pair('7,99', '10').group1.decision).toBe('CONTROLE');
  });

  it('7,99 is refused with its sentence', () => {
    expect(pair('5,98', '10').group1.trace.message).toBe('Moyenne 7,99 < 8 : refusé');
  });

  it('no professionnel unit counted: the pro condition is met (moyenne_pro null)', () => {
    const rs = ruleset({ code: 'U1', coef: 1 }, { code: 'U2', coef: 1 });
    const r = evaluate(rs, { grades: { U1: g(8), U2: g(10) } });
    expect(r.group1.moyennePro).toBeNull();
    expect(r.group1.decision).toBe('CONTROLE');
    expect(r.group1.trace.rule).toBe('CONTROLE_SANS_EPREUVE_PRO');
    // every pro unit DI: same
    const r2 = evaluate(simpleRuleset(), { grades: { U1: g(9), P1: DI } });
    expect(r2.group1.moyennePro).toBeNull();
    expect(r2.group1.decision).toBe('CONTROLE');
  });
});

describe('units, sub-épreuves and decimal coefficients', () => {
  it('weighted mean of leaves with coefficients 1,5 and 0,5', () => {
    const rs = ruleset(
      { code: 'U1', coef: '1,5', leaves: [['U1A', '1,5'], ['U1B', '0,5']] },
      { code: 'P1', coef: '0,5', domaine: 'professionnel' },
    );
    const r = evaluate(rs, { grades: { U1A: g(12), U1B: g(8), P1: g(10) } });
    // U1 = (12×1,5 + 8×0,5) / 2 = 11; moyenne = (11×1,5 + 10×0,5) / 2 = 10,75
    expect(fr(unitOf(r, 'U1').grade as Rational)).toBe('11,00');
    expect(fr(unitOf(r, 'U1').points)).toBe('16,50');
    expect(fr(r.group1.moyenne)).toBe('10,75');
    expect(r.group1.decision).toBe('ADMIS');
  });

  it('exact, not rounded: an average of 9,9955 displays 9,99 and is below 10', () => {
    const rs = ruleset({ code: 'U1', coef: 1 }, { code: 'P1', coef: 19, domaine: 'professionnel' });
    const r = evaluate(rs, { grades: { U1: g('9,91'), P1: g(10) } });
    expect(equals(r.group1.moyenne!, ratio(19991, 2000))).toBe(true); // 9,9955
    expect(fr(r.group1.moyenne)).toBe('9,99');
    expect(r.group1.decision).toBe('CONTROLE');
  });

  it('a thirds average stays exact: 3 leaves coef 1 → 31/3 → 10,33', () => {
    const rs = ruleset({ code: 'U1', coef: 1, leaves: [['A', 1], ['B', 1], ['C', 1]] });
    const r = evaluate(rs, { grades: { A: g(10), B: g(10), C: g(11) } });
    expect(equals(unitOf(r, 'U1').grade as Rational, ratio(31, 3))).toBe(true);
    expect(fr(r.group1.moyenne)).toBe('10,33');
  });
});

describe('DI, ABS, AJ', () => {
  it('a DI leaf is left out of its unit', () => {
    const r = evaluate(MEMO_31310, john({ U2E: DI }));
    expect(fr(unitOf(r, 'U2').grade as Rational)).toBe('16,00');
    expect(fr(r.group1.moyenne)).toBe('10,45'); // (27 + 32 + 150) / 20
    expect(r.group1.decision).toBe('ADMIS');
  });

  it('a unit all DI is left out of numerator and denominator', () => {
    const r = evaluate(MEMO_31310, john({ U1: DI }));
    expect(unitOf(r, 'U1').grade).toBe('DI');
    expect(unitOf(r, 'U1').counted).toBe(false);
    expect(unitOf(r, 'U1').points).toBeNull();
    expect(r.group1.totalCoefCenti).toBe(1700);
    expect(equals(r.group1.moyenne!, ratio(172, 17))).toBe(true);
    expect(r.group1.decision).toBe('ADMIS');
  });

  it('ABS on a compulsory unit → REFUSE (D643-24), the average counting it 0', () => {
    const r = evaluate(MEMO_31310, john({ U3: ABS }));
    expect(r.group1.decision).toBe('REFUSE');
    expect(r.group1.trace.rule).toBe('REFUSE_ABSENCE');
    expect(r.group1.trace.message).toMatch(/^Absence à l'unité U3 \(article D643-24/);
    expect(r.group1.absentUnits).toEqual(['U3']);
    expect(fr(r.group1.moyenne)).toBe('7,45');
    expect(unitOf(r, 'U3').grade).toBe('ABS');
    expect(fr(unitOf(r, 'U3').points)).toBe('0,00');
    expect(r.group2).toBeNull();
  });

  it('ABS even with a high average; an ABS leaf makes its unit ABS', () => {
    const r = evaluate(MEMO_31310, john({ U2E: ABS, U1: g(20) }));
    expect(unitOf(r, 'U2').grade).toBe('ABS');
    expect(r.group1.decision).toBe('REFUSE');
    expect(r.group1.trace.rule).toBe('REFUSE_ABSENCE');
  });

  it('AJ counts 0 (unit and leaf)', () => {
    const r = evaluate(MEMO_31310, john({ U1: AJ }));
    expect(fr(unitOf(r, 'U1').grade as Rational)).toBe('0,00');
    expect(fr(r.group1.moyenne)).toBe('8,60');
    expect(r.group1.decision).toBe('CONTROLE');
    const r2 = evaluate(MEMO_31310, john({ U2E: AJ }));
    expect(fr(unitOf(r2, 'U2').grade as Rational)).toBe('8,00');
    expect(fr(r2.group1.moyenne)).toBe('9,65');
  });
});

describe('optional (facultative) units', () => {
  it('only points above 10 count, as a bonus; never the pro average', () => {
    const r = evaluate(MEMO_31310, john({ UF1: g(12) }));
    expect(fr(r.group1.bonus)).toBe('2,00');
    expect(fr(r.group1.moyenne)).toBe('10,05');
    expect(fr(r.group1.moyennePro)).toBe('10,00');
    expect(r.group1.decision).toBe('ADMIS');
  });

  it('a grade below 10 is ignored (never lowers)', () => {
    const r = evaluate(MEMO_31310, { grades: { ...PIERRE.grades, UF1: g(3) } });
    expect(fr(r.group1.bonus)).toBe('0,00');
    expect(fr(r.group1.moyenne)).toBe('10,25');
    expect(fr(unitOf(r, 'UF1').bonus)).toBe('0,00');
  });

  it('missing, ABS or DI optional unit: no bonus, never INCOMPLET', () => {
    for (const v of [undefined, ABS, DI, AJ]) {
      const r = evaluate(MEMO_31310, john({ UF1: v }));
      expect(r.group1.decision).toBe('CONTROLE');
      expect(fr(r.group1.moyenne)).toBe('9,95');
    }
  });
});

describe('INCOMPLET', () => {
  it('a missing leaf makes its unit missing', () => {
    const r = evaluate(MEMO_31310, john({ U2O: undefined }));
    expect(unitOf(r, 'U2').grade).toBeNull();
    expect(r.group1.decision).toBe('INCOMPLET');
    expect(r.group1.trace).toEqual({ rule: 'INCOMPLET_UNITE_MANQUANTE', message: 'Unité U2 sans note : résultat incomplet' });
    expect(r.group1.moyenne).toBeNull();
    expect(r.group1.moyennePro).toBeNull();
    expect(r.finalDecision).toBe('INCOMPLET');
  });

  it('lists every missing unit; missing wins over ABS', () => {
    const r = evaluate(MEMO_31310, john({ U3: undefined, U5: undefined, U1: ABS }));
    expect(r.group1.missingUnits).toEqual(['U3', 'U5']);
    expect(r.group1.trace.message).toBe('Unités U3, U5 sans note : résultat incomplet');
  });

  it('no compulsory unit counted (all DI)', () => {
    const r = evaluate(simpleRuleset(), { grades: { U1: DI, P1: DI } });
    expect(r.group1.decision).toBe('INCOMPLET');
    expect(r.group1.trace.rule).toBe('INCOMPLET_AUCUNE_UNITE');
  });
});

describe('2nd group (épreuves de contrôle)', () => {
  it('no choices yet → INCOMPLET, the candidate stays at CONTROLE', () => {
    const r = evaluate(MEMO_31310, john({}, { controleChoices: null, controleGrades: {} }));
    expect(r.group2?.decision).toBe('INCOMPLET');
    expect(r.group2?.trace.rule).toBe('CONTROLE_INCOMPLET_CHOIX');
    expect(r.finalDecision).toBe('CONTROLE');
    expect(r.group2?.moyenne).toBeNull();
  });

  it('a chosen unit without contrôle grade → INCOMPLET listing it', () => {
    const r = evaluate(MEMO_31310, john({}, { controleGrades: { U1: g(12) } }));
    expect(r.group2?.decision).toBe('INCOMPLET');
    expect(r.group2?.trace).toEqual({ rule: 'CONTROLE_INCOMPLET_NOTE', message: "Note de contrôle manquante pour l'unité U2 : résultat incomplet" });
    expect(r.group2?.missingControleGrades).toEqual(['U2']);
    expect(unitOf(r, 'U2').controle).toEqual({ grade: null, retained: null, meilleureNoteRetenue: false, points: null });
  });

  it.each([
    [['U1', 'U1'], /U1 est choisie deux fois/],
    [['U1', 'U3'], /U3 n'est pas une épreuve de contrôle/],
    [['U1', 'UF1'], /UF1 est une unité facultative/],
    [['U1', 'U9'], /unité U9 inconnue/],
  ] as const)('invalid choices %j → INCOMPLET', (choices, reason) => {
    const r = evaluate(MEMO_31310, john({}, { controleChoices: choices as unknown as [string, string] }));
    expect(r.group2?.decision).toBe('INCOMPLET');
    expect(r.group2?.trace.rule).toBe('CONTROLE_CHOIX_INVALIDE');
    expect(r.group2?.trace.message).toMatch(reason);
  });

  it('a DI unit cannot be chosen', () => {
    const rs = ruleset(
      { code: 'U1', coef: 1, controle: true },
      { code: 'U2', coef: 1, controle: true },
      { code: 'U3', coef: 1, controle: true },
      { code: 'P1', coef: 3, domaine: 'professionnel' },
    );
    const r = evaluate(rs, { grades: { U1: g(8), U2: DI, U3: g(6), P1: g(10) }, controleChoices: ['U1', 'U2'], controleGrades: { U1: g(12), U2: g(12) } });
    expect(r.group1.decision).toBe('CONTROLE');
    expect(r.group2?.trace.rule).toBe('CONTROLE_CHOIX_INVALIDE');
    expect(r.group2?.trace.message).toMatch(/U2 : candidat dispensé/);
  });

  it('the better grade is retained; a lower contrôle grade changes nothing', () => {
    const r = evaluate(MEMO_31310, john({}, { controleGrades: { U1: g(8), U2: g(11) } }));
    expect(unitOf(r, 'U1').controle?.meilleureNoteRetenue).toBe(false);
    expect(fr(unitOf(r, 'U1').finalGrade as Rational)).toBe('9,00');
    expect(fr(r.group2?.moyenne)).toBe('9,95');
    expect(r.group2?.decision).toBe('REFUSE');
    expect(r.group2?.trace).toEqual({ rule: 'REFUSE_CONTROLE', message: 'Moyenne après les épreuves de contrôle 9,95 < 10 : refusé' });
    expect(r.finalDecision).toBe('REFUSE');
  });

  it('ABS at contrôle keeps the initial grade', () => {
    const r = evaluate(MEMO_31310, john({}, { controleGrades: { U1: ABS, U2: g(16) } }));
    expect(unitOf(r, 'U1').controle?.retained).toEqual(fromHundredths(900));
    expect(unitOf(r, 'U1').controle?.meilleureNoteRetenue).toBe(false);
    expect(fr(r.group2?.moyenne)).toBe('10,45');
    expect(r.group2?.decision).toBe('ADMIS');
  });

  it('choices given in either order give the same result', () => {
    const a = evaluate(MEMO_31310, JOHN_WITH(['U1', 'U2']));
    const b = evaluate(MEMO_31310, JOHN_WITH(['U2', 'U1']));
    expect(b.group2?.decision).toBe(a.group2?.decision);
    expect(equals(b.group2!.moyenne!, a.group2!.moyenne!)).toBe(true);
  });

  it('ignored unless the 1st group decision is CONTROLE', () => {
    const r = evaluate(MEMO_31310, { ...PIERRE, controleChoices: ['U1', 'U2'], controleGrades: { U1: g(20), U2: g(20) } });
    expect(r.group2).toBeNull();
    expect(unitOf(r, 'U1').controle).toBeNull();
  });
});

function JOHN_WITH(choices: [string, string]): CandidateInput {
  return john({}, { controleChoices: choices, controleGrades: { U1: cg(12), U2: cg(11) } });
}

describe('ECTS', () => {
  it('120 when admitted', () => {
    expect(evaluate(MEMO_31310, PIERRE).ects).toBe(120);
  });

  it('otherwise the ECTS of units ≥ 10 that define ECTS', () => {
    // U1 12, U2 11, U3 5, U41 5, U42 12, U5 10 → 167/20 = 8,35, pro 109/15 = 7,26 → REFUSE
    const r = evaluate(MEMO_31310, { grades: { U1: g(12), U2E: g(6), U2O: g(16), U3: g(5), U41: g(5), U42: g(12), U5: g(10) } });
    expect(r.group1.decision).toBe('REFUSE');
    expect(r.group1.trace.rule).toBe('REFUSE_MOYENNE_PRO');
    expect(r.ects).toBe(6 + 6 + 12 + 42);
    expect(r.units.filter((u) => u.ectsAcquis).map((u) => u.code)).toEqual(['U1', 'U2', 'U42', 'U5']);
  });

  it('after a refused contrôle, with the retained grades', () => {
    // U1 8, U2 (6,10) = 8 → 190/20 = 9,50 CONTROLE; contrôle U1 10 (better), U2 ABS → 196/20 = 9,80 REFUSE
    const input = john({ U1: g(8), U2O: g(10) }, { controleChoices: ['U1', 'U2'], controleGrades: { U1: g(10), U2: ABS } });
    const r = evaluate(MEMO_31310, input);
    expect(fr(r.group1.moyenne)).toBe('9,50');
    expect(fr(r.group2?.moyenne)).toBe('9,80');
    expect(r.finalDecision).toBe('REFUSE');
    expect(unitOf(r, 'U1').ectsAcquis).toBe(true);
    expect(r.ects).toBe(6 + 30 + 24 + 12 + 42);
  });
});

describe('ruleset validation', () => {
  it('rejects duplicate codes, empty units and non-positive coefficients', () => {
    const bad = (rs: Ruleset) => () => compileRuleset(rs);
    expect(bad(ruleset({ code: 'U1', coef: 1 }, { code: 'U1', coef: 1, leaves: [['X', 1]] }))).toThrow(/en double/);
    expect(bad({ units: [{ ...ruleset({ code: 'U1', coef: 1 }).units[0]!, leaves: [] }] })).toThrow(/aucune épreuve/);
    expect(bad(ruleset({ code: 'U1', coef: 0 }))).toThrow(/coefficient/);
  });
});
