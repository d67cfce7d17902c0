// Pure parts of the 2nd-group module: eligibility, what is missing, parsing (the double-entry rules: tests/domain/double-entry.test.ts).
import { describe, expect, it } from 'vitest';
import { note } from '../../../src/domain/grades.js';
import { rulesetFromRows } from '../../../src/db/repositories/rulesets.js';
import { BTS_RULES, eligibleUnits } from '../../../src/domain/rules/index.js';
import { choiceProblem } from '../../../src/features/second-group/eligibility.js';
import { candidatLabel } from '../../../src/features/second-group/format.js';
import { missingOf } from '../../../src/features/second-group/missing-grades.js';
import { parseEntry } from '../../../src/features/second-group/save-grades.js';
import { parseDate, parseTime } from '../../../src/features/second-group/schedule.js';
import { EPREUVES_40000 } from './world.js';

const ruleset = rulesetFromRows(EPREUVES_40000.map((e, i) => ({
  specialite_code: 'S', code: e.code, libelle: `Épreuve ${e.code}`, coef_centi: e.coef ?? 100, domaine: e.domaine ?? 'general', controle: e.controle ? 1 : 0,
  facultative: e.facultative ? 1 : 0, parent_code: e.parent ?? null, ects: e.ects ?? null, position: i,
})));
const grades = (o: Record<string, ReturnType<typeof note> | { kind: 'DI' }> = {}) => ({ U1: note(800), U2E: note(800), U2O: note(800), U3: note(800), U4: note(1000), U5: note(1000), ...o });
const label = (c: string) => `Épreuve ${c}`;

describe('eligibility of the contrôle choices', () => {
  it('offers the compulsory contrôle units that are not DI', () => {
    expect(eligibleUnits(BTS_RULES.evaluate(ruleset, { grades: grades() })).map((u) => u.code)).toEqual(['U1', 'U2', 'U3']);
    const di = BTS_RULES.evaluate(ruleset, { grades: grades({ U3: { kind: 'DI' } }) });
    expect(eligibleUnits(di).map((u) => u.code)).toEqual(['U1', 'U2']);
    expect(choiceProblem(di, 'U1', 'U3', label)).toBe('Le candidat est dispensé (DI) de « Épreuve U3 ».');
    expect(choiceProblem(di, 'U2', 'U2', label)).toMatch(/deux fois/);
    expect(choiceProblem(di, 'U1', 'UX', label)).toBe("L'épreuve « UX » n'existe pas dans la spécialité.");
    expect(choiceProblem(di, 'U2', 'U1', label)).toBeNull();
  });

  it('agrees with the engine: a refused choice leaves the 2nd group INCOMPLET', () => {
    const r = BTS_RULES.evaluate(ruleset, { grades: grades(), controleChoices: ['U1', 'UF1'], controleGrades: { U1: note(1200), UF1: note(1200) } });
    expect(r.group2!.decision).toBe('INCOMPLET');
    expect(missingOf(r, [], label).manquantes[0]).toMatch(/^Choix des épreuves invalides/);
  });
});

describe('what is missing', () => {
  it('lists unentered units (with the reason when typed under double entry and not in force), and no choice', () => {
    const r = BTS_RULES.evaluate(ruleset, { grades: grades(), controleChoices: ['U2', 'U1'], controleGrades: { U1: note(1200) } });
    expect(missingOf(r, [], label)).toEqual({ codes: ['U2'], manquantes: ['Épreuve U2'] });
    // U1 typed twice, different: nothing in force, so the engine misses it too
    const open = BTS_RULES.evaluate(ruleset, { grades: grades(), controleChoices: ['U2', 'U1'], controleGrades: {} });
    expect(open.group2!.decision).toBe('INCOMPLET');
    expect(missingOf(open, [{ epreuveCode: 'U1', status: 'DISCORDANTE' }, { epreuveCode: 'U2', status: 'ATTENTE_SECONDE' }], label))
      .toEqual({ codes: ['U2', 'U1'], manquantes: ['Épreuve U2 (double saisie : seconde saisie manquante)', 'Épreuve U1 (double saisie : saisies discordantes)'] });
    expect(missingOf(BTS_RULES.evaluate(ruleset, { grades: grades() }), [], label)).toEqual({ codes: [], manquantes: ['Choix des épreuves non saisis'] });
  });
});

describe('parsing and labels', () => {
  it('parses contrôle grades, dates and times the French way', () => {
    expect(parseEntry(' 12,5 ')).toEqual({ ok: true, value: { kind: 'NOTE', hundredths: 1250 } });
    expect(parseEntry('abs')).toEqual({ ok: true, value: { kind: 'ABS' } });
    expect(parseEntry('')).toEqual({ ok: true, value: null });
    expect(parseEntry('20,01')).toMatchObject({ ok: false });
    expect(parseEntry('DI')).toMatchObject({ ok: false, message: expect.stringMatching(/n'est pas admis/) });
    expect(parseDate('03/07/2023')).toEqual({ ok: true, value: '2023-07-03' });
    expect(parseDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate('2023-02-29')).toMatchObject({ ok: false });
    expect(parseTime('9:05')).toEqual({ ok: true, value: '09:05' });
    expect(parseTime('14h00')).toEqual({ ok: true, value: '14:00' });
    expect(parseTime('24:00')).toMatchObject({ ok: false });
    expect(candidatLabel({ nom: 'AZBTSUN', prenoms: 'John', numeroCandidat: '02319252150' })).toBe('AZBTSUN John (02319252150)');
  });
});
