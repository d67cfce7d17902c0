import { describe, expect, it } from 'vitest';
import { formatFr, fromHundredths, equals, ratio } from '../../src/domain/rational.js';
import { BTS_RULES, evaluate, rulesFor, compileRuleset, evaluateMany, leafDetails } from '../../src/domain/rules/index.js';
import { JOHN, MEMO_31310, PIERRE } from './fixtures.js';

describe('golden example of SPEC §3 (jury 31310)', () => {
  it('AZBTSUN John: 9,95 / pro 10,00 → CONTROLE, then U1 12 retained → 10,40 ADMIS, 120 ECTS', () => {
    const r = evaluate(MEMO_31310, JOHN);
    expect(formatFr(r.group1.moyenne!)).toBe('9,95');
    expect(formatFr(r.group1.moyennePro!)).toBe('10,00');
    expect(equals(r.group1.moyenne!, ratio(199, 20))).toBe(true);
    expect(equals(r.group1.totalPoints!, ratio(199, 1))).toBe(true);
    expect(r.group1.totalCoefCenti).toBe(2000);
    expect(equals(r.group1.totalPointsPro!, ratio(150, 1))).toBe(true);
    expect(r.group1.totalCoefProCenti).toBe(1500);
    expect(r.group1.decision).toBe('CONTROLE');
    expect(r.group1.trace.rule).toBe('CONTROLE_MOYENNE_PRO');
    expect(r.group1.trace.message).toBe(
      'Moyenne 9,95 entre 8 et 10 et moyenne des épreuves professionnelles 10,00 ≥ 10 : passe les épreuves de contrôle',
    );

    const g2 = r.group2!;
    expect(g2.decision).toBe('ADMIS');
    expect(g2.trace.rule).toBe('ADMIS_CONTROLE');
    expect(formatFr(g2.moyenne!)).toBe('10,40');
    expect(equals(g2.totalPoints!, ratio(208, 1))).toBe(true);
    expect(r.finalDecision).toBe('ADMIS');
    expect(r.ects).toBe(120);
    expect(r.rulesVersion).toBe(BTS_RULES.version);

    const u1 = r.units.find((u) => u.code === 'U1')!;
    expect(u1.controle?.meilleureNoteRetenue).toBe(true);
    expect(equals(u1.finalGrade as never, fromHundredths(1200))).toBe(true);
    const u2 = r.units.find((u) => u.code === 'U2')!;
    expect(formatFr(u2.grade as never)).toBe('11,00');
    expect(u2.controle?.meilleureNoteRetenue).toBe(false); // 11 at contrôle equals 11: no "meilleure note"
    expect(formatFr(u2.points!)).toBe('22,00');
    const uf1 = r.units.find((u) => u.code === 'UF1')!;
    expect(uf1.grade).toBeNull();
    expect(uf1.counted).toBe(false);
  });

  it('BANQA Pierre: 10,45 (bonus UF1 14 → +4), pro 9,63 → ADMIS', () => {
    const r = evaluate(MEMO_31310, PIERRE);
    expect(formatFr(r.group1.moyenne!)).toBe('10,45');
    expect(formatFr(r.group1.moyennePro!)).toBe('9,63');
    expect(r.group1.decision).toBe('ADMIS');
    expect(r.group1.trace).toEqual({ rule: 'ADMIS_MOYENNE', message: 'Moyenne 10,45 ≥ 10 : admis' });
    expect(formatFr(r.group1.bonus)).toBe('4,00');
    expect(r.group2).toBeNull();
    expect(r.ects).toBe(120);
    const uf1 = r.units.find((u) => u.code === 'UF1')!;
    expect(uf1.counted).toBe(true);
    expect(formatFr(uf1.bonus!)).toBe('4,00');
    expect(formatFr(uf1.points!)).toBe('14,00');
    const u2 = r.units.find((u) => u.code === 'U2')!;
    expect(formatFr(u2.grade as never)).toBe('12,25');
    expect(formatFr(u2.points!)).toBe('24,50');
  });

  it('the registry gives the BTS rules; a compiled ruleset and evaluateMany agree with evaluate', () => {
    const rules = rulesFor('bts');
    expect(rules).toBe(BTS_RULES);
    expect(rules.mentions).toBe(false);
    expect(() => rulesFor('BACPRO')).toThrow(/Aucune règle/);
    const c = compileRuleset(MEMO_31310);
    expect(rules.evaluate(c, JOHN)).toEqual(evaluate(MEMO_31310, JOHN));
    const many = evaluateMany(c, [JOHN, PIERRE]);
    expect(many.map((m) => m.finalDecision)).toEqual(['ADMIS', 'ADMIS']);
    expect(many[1]).toEqual(evaluate(MEMO_31310, PIERRE));
  });

  it('leaf details for the PVI', () => {
    const u2 = MEMO_31310.units[1]!;
    const leaves = leafDetails(u2, PIERRE.grades);
    expect(leaves.map((l) => [l.code, l.coefCenti, formatFr(l.points!)])).toEqual([
      ['U2E', 100, '11,00'],
      ['U2O', 100, '13,50'],
    ]);
  });

  it('matches samples/memo-31310.results.csv', () => {
    const line = (r: ReturnType<typeof evaluate>) =>
      [formatFr(r.group1.moyenne!), formatFr(r.group1.moyennePro!), r.group1.decision, r.group2?.moyenne ? formatFr(r.group2.moyenne) : '', r.group2?.decision ?? ''].join(';');
    expect(line(evaluate(MEMO_31310, JOHN))).toBe('9,95;10,00;CONTROLE;10,40;ADMIS');
    expect(line(evaluate(MEMO_31310, PIERRE))).toBe('10,45;9,63;ADMIS;;');
  });
});
