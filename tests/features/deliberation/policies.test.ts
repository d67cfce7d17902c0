// Pure rules of the jury portal: who changes which grades in which state, who closes, percentages.
import { describe, expect, it } from 'vitest';
import { JURY_STATES, type Actor, type JuryState } from '../../../src/domain/types.js';
import { closeActionFor, modifiableGroup, modifyVerdict, needsActingMember } from '../../../src/features/deliberation/policies.js';
import { decisionTable, percent } from '../../../src/features/deliberation/statistics.js';

const jury: Actor = { role: 'jury', login: 'jury-31310', name: 'DUBOIS Pierre', scope: '31310' };
const centre: Actor = { role: 'centre', login: 'centre', name: 'Centre', scope: '0250001R' };
const cand = { juryCode: '31310', centreDeliberationUai: '0250001R', centreEpreuveUai: '0250013D' };

describe('jury portal policies', () => {
  it('the jury changes 1st-group grades at 105/110 and contrôle grades at 210, nothing else', () => {
    const table = Object.fromEntries(JURY_STATES.map((s) => [s, [modifyVerdict(jury, cand, s, 1), modifyVerdict(jury, cand, s, 2)]]));
    const allowed = (s: JuryState) => table[s]!.map((v) => v === 'allowed');
    for (const s of JURY_STATES) {
      expect(allowed(s), s).toEqual([s === '105' || s === '110', s === '210']);
      expect(modifiableGroup(s)).toBe(s === '105' || s === '110' ? 1 : s === '210' ? 2 : null);
    }
    expect(modifyVerdict(centre, cand, '110', 1)).toBe('forbidden');
    expect(modifyVerdict({ ...jury, scope: '31408' }, cand, '110', 1)).toBe('hidden');
  });

  it('closing: 110 → 1st group, 210 → 2nd group, by the jury only', () => {
    expect(closeActionFor(jury, '110')?.action).toBe('CLOTURER_DELIBERATION_1');
    expect(closeActionFor(jury, '210')?.action).toBe('CLOTURER_DELIBERATION_2');
    expect(closeActionFor(jury, '105')).toBeNull();
    expect(closeActionFor(centre, '110')).toBeNull();
  });

  it('a jury account acts under the name of the member chosen', () => {
    expect(needsActingMember(jury, null)).toBe(true);
    expect(needsActingMember(jury, 'president')).toBe(false);
    expect(needsActingMember(centre, null)).toBe(false);
  });
});

describe('statistics', () => {
  it('percentages are rounded for display only', () => {
    expect(percent(20, 29)).toBe('68,97 %');
    expect(percent(3, 29)).toBe('10,34 %');
    expect(percent(29, 29)).toBe('100,00 %');
    expect(percent(0, 0)).toBe('0,00 %');
  });

  it('decision table with positive and negative subtotals (the memo\'s 31408 example)', () => {
    const decisions = [...Array(20).fill('ADMIS'), ...Array(3).fill('CONTROLE'), ...Array(6).fill('REFUSE')];
    const t = decisionTable(decisions, ['ADMIS', 'CONTROLE'], ['REFUSE']);
    expect(t.positive.map((r) => [r.label, r.count, r.percent])).toEqual([['Admis', 20, '68,97 %'], ['Passe les épreuves de contrôle', 3, '10,34 %']]);
    expect(t.positiveTotal).toMatchObject({ count: 23, percent: '79,31 %' });
    expect(t.negativeTotal).toMatchObject({ count: 6, percent: '20,69 %' });
    expect(t.total).toMatchObject({ count: 29, percent: '100,00 %' });
  });
});
