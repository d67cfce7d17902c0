import { describe, expect, it } from 'vitest';
import {
  allowedTargets, BULK_ACTIONS, bulkActionFor, canEnterControleChoices, canEnterControleGrades, canModifyGrades, compareStates,
  exceptionalTargets, exceptionalTransition, groupOf, isDeliberating, isGroupLocked, isLockedByAcademie, JURY_ACTION_LABELS, JURY_ACTIONS,
  resultsPublished, stateAtLeast, stateAtMost, stateBetween, transition, TRANSITIONS, type TransitionContext,
} from '../../src/domain/jury-state.js';
import { JURY_STATES, type JuryState, type Role } from '../../src/domain/types.js';

const ROLES: Role[] = ['academie', 'centre', 'jury', 'centre_epreuve'];

// SPEC §2, written out independently of the implementation: [from, action, to, role]
const EXPECTED: [JuryState, string, JuryState, Role][] = [
  ['000', 'OUVRIR_MODIFICATION_NOTES', '105', 'academie'],
  ['000', 'OUVRIR_DELIBERATION_1', '110', 'academie'],
  ['105', 'OUVRIR_DELIBERATION_1', '110', 'academie'],
  ['110', 'CLOTURER_DELIBERATION_1', '130', 'jury'],
  ['130', 'TERMINER_GROUPE_1', '140', 'centre'],
  ['140', 'VERROUILLER_GROUPE_1', '198', 'academie'],
  ['198', 'OUVRIR_RECUEIL_2', '200', 'academie'],
  ['198', 'CLOTURER_SANS_GROUPE_2', '218', 'academie'],
  ['200', 'OUVRIR_DELIBERATION_2', '210', 'centre'],
  ['210', 'CLOTURER_DELIBERATION_2', '211', 'jury'],
  ['211', 'TERMINER_GROUPE_2', '214', 'centre'],
  ['214', 'VERROUILLER_GROUPE_2', '218', 'academie'],
];

/** facts under which every guard passes (except 198: one of the two actions) */
function passing(role: Role, action: string): TransitionContext {
  return {
    role,
    actingMember: 'president',
    missingGrades: [],
    incompleteCandidates: [],
    controleCount: action === 'OUVRIR_RECUEIL_2' ? 3 : 0,
    missingControleGrades: [],
    incompleteControleCandidates: [],
  };
}

describe('jury state machine: every state × every action × every role', () => {
  it('accepts exactly the transitions of SPEC §2, refuses the rest with the right code', () => {
    let checked = 0;
    for (const state of JURY_STATES) {
      for (const action of JURY_ACTIONS) {
        for (const role of ROLES) {
          const r = transition(state, action, passing(role, action));
          const exp = EXPECTED.find(([f, a, , who]) => f === state && a === action && who === role);
          const actionRole = EXPECTED.find(([, a]) => a === action)![3];
          if (exp) expect(r).toEqual({ ok: true, to: exp[2], action });
          else if (role !== actionRole) expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
          else expect(r).toMatchObject({ ok: false, code: 'INVALID_STATE' });
          if (!r.ok) expect(r.message).toMatch(/[a-zé]/);
          checked++;
        }
      }
    }
    expect(checked).toBe(11 * 11 * 4);
  });

  it('the table has one row per action, with the memo labels', () => {
    expect(TRANSITIONS.map((t) => t.action)).toEqual([...JURY_ACTIONS]);
    expect(Object.values(JURY_ACTION_LABELS)).toEqual([
      'Ouvrir la modification des notes',
      'Ouvrir la délibération du 1er groupe',
      'Clôturer la délibération du 1er groupe',
      'Terminer le 1er groupe',
      'Verrouiller le 1er groupe',
      'Ouvrir le recueil des notes du 2nd groupe',
      'Clôturer sans 2nd groupe',
      'Ouvrir la délibération du 2nd groupe',
      'Clôturer la délibération du 2nd groupe',
      'Terminer le 2nd groupe',
      'Verrouiller le 2nd groupe',
    ]);
  });

  it('unknown action', () => {
    expect(transition('110', 'PUBLIER', { role: 'jury' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });

  it('messages name the role or the states', () => {
    expect(transition('130', 'TERMINER_GROUPE_1', { role: 'jury' })).toMatchObject({
      message: '« Terminer le 1er groupe » est réservé au chef de centre de délibération',
    });
    expect(transition('110', 'TERMINER_GROUPE_1', { role: 'centre' })).toMatchObject({
      message: "« Terminer le 1er groupe » est impossible pour un jury à l'état 110 Délibération du 1er groupe : état requis 130 Editions après la délibération du 1er groupe",
    });
  });
});

describe('guards', () => {
  const jury: TransitionContext = { role: 'jury', actingMember: 'president', missingGrades: [], incompleteCandidates: [] };

  it('a jury account closes only with an acting member (président or vice-président), on any path', () => {
    for (const [from, action, facts] of [
      ['110', 'CLOTURER_DELIBERATION_1', { missingGrades: [], incompleteCandidates: [] }],
      ['210', 'CLOTURER_DELIBERATION_2', { incompleteControleCandidates: [] }],
    ] as const) {
      for (const actingMember of [undefined, null]) {
        const r = transition(from, action, { role: 'jury', actingMember, ...facts });
        expect(r, `${action} ${String(actingMember)}`).toMatchObject({ ok: false, code: 'ACTING_MEMBER_REQUIRED' });
        expect(!r.ok && r.message).toMatch(/indiquez d’abord qui délibère/);
      }
      expect(transition(from, action, { role: 'jury', actingMember: 'president', ...facts }).ok).toBe(true);
      expect(transition(from, action, { role: 'jury', actingMember: 'vice_president', ...facts }).ok).toBe(true);
    }
    // the acting member is checked before the guard facts: no fact is needed to refuse
    expect(transition('110', 'CLOTURER_DELIBERATION_1', { role: 'jury' })).toMatchObject({ code: 'ACTING_MEMBER_REQUIRED' });
    // other roles' transitions never need one
    expect(transition('130', 'TERMINER_GROUPE_1', { role: 'centre' }).ok).toBe(true);
  });

  it('110 → 130: no missing grade, every candidate decided', () => {
    expect(transition('110', 'CLOTURER_DELIBERATION_1', jury).ok).toBe(true);
    const missing = transition('110', 'CLOTURER_DELIBERATION_1', { ...jury, missingGrades: ['02319252150 - 001 : U3'] });
    expect(missing).toMatchObject({ ok: false, code: 'MISSING_GRADES', details: ['02319252150 - 001 : U3'] });
    expect(!missing.ok && missing.message).toBe('Clôture impossible : 1 note(s) manquante(s) : 02319252150 - 001 : U3');
    expect(transition('110', 'CLOTURER_DELIBERATION_1', { ...jury, incompleteCandidates: ['X'] })).toMatchObject({ code: 'INCOMPLETE_CANDIDATES' });
    expect(transition('110', 'CLOTURER_DELIBERATION_1', { role: 'jury', actingMember: 'president' })).toMatchObject({ code: 'MISSING_CONTEXT' });
  });

  it('long lists are shortened in the message but complete in details', () => {
    const many = Array.from({ length: 25 }, (_, i) => `C${i}`);
    const r = transition('110', 'CLOTURER_DELIBERATION_1', { ...jury, missingGrades: many });
    expect(!r.ok && r.message).toMatch(/… et 15 autre\(s\)$/);
    expect(!r.ok && r.details).toHaveLength(25);
  });

  it('198: open the 2nd group only with CONTROLE candidates, close without it only with none', () => {
    const a = (n: number | undefined): TransitionContext => ({ role: 'academie', controleCount: n });
    expect(transition('198', 'OUVRIR_RECUEIL_2', a(2)).ok).toBe(true);
    expect(transition('198', 'OUVRIR_RECUEIL_2', a(0))).toMatchObject({ code: 'NO_CONTROLE_CANDIDATE' });
    expect(transition('198', 'CLOTURER_SANS_GROUPE_2', a(0))).toEqual({ ok: true, to: '218', action: 'CLOTURER_SANS_GROUPE_2' });
    expect(transition('198', 'CLOTURER_SANS_GROUPE_2', a(1))).toMatchObject({ code: 'HAS_CONTROLE_CANDIDATES' });
    expect(transition('198', 'CLOTURER_SANS_GROUPE_2', a(undefined))).toMatchObject({ code: 'MISSING_CONTEXT' });
  });

  it('200 → 210 lists the missing 2nd-group grades; 210 → 211 needs every decision', () => {
    const r = transition('200', 'OUVRIR_DELIBERATION_2', { role: 'centre', missingControleGrades: ['A : U1', 'B : U2'] });
    expect(r).toMatchObject({ code: 'MISSING_CONTROLE_GRADES', details: ['A : U1', 'B : U2'] });
    expect(!r.ok && r.message).toContain('A : U1 ; B : U2');
    expect(transition('200', 'OUVRIR_DELIBERATION_2', { role: 'centre', missingControleGrades: [] }).ok).toBe(true);
    expect(transition('210', 'CLOTURER_DELIBERATION_2', { ...jury, incompleteControleCandidates: ['A'] })).toMatchObject({ code: 'INCOMPLETE_CONTROLE_CANDIDATES' });
    expect(transition('210', 'CLOTURER_DELIBERATION_2', { ...jury, incompleteControleCandidates: [] }).ok).toBe(true);
  });
});

describe('exceptional changes (Gérer l\'avancement des jurys)', () => {
  const G1: JuryState[] = ['000', '105', '110', '130', '140'];
  const G2: JuryState[] = ['200', '210', '211', '214'];
  const centreMayGo = (from: JuryState, to: JuryState) =>
    (G1.includes(from) && G1.includes(to) && G1.indexOf(to) < G1.indexOf(from)) ||
    (G2.includes(from) && G2.includes(to) && G2.indexOf(to) < G2.indexOf(from));

  it('every from × to × role', () => {
    for (const from of JURY_STATES) {
      for (const to of JURY_STATES) {
        for (const role of ROLES) {
          const r = exceptionalTransition(from, to, role, 'Erreur de saisie');
          if (role === 'jury' || role === 'centre_epreuve') expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
          else if (from === to) expect(r).toMatchObject({ ok: false, code: 'SAME_STATE' });
          else if (role === 'academie' || centreMayGo(from, to)) expect(r).toEqual({ ok: true, from, to, reason: 'Erreur de saisie' });
          else expect(r).toMatchObject({ ok: false, code: 'EXCEPTIONAL_NOT_ALLOWED' });
        }
      }
    }
  });

  it('centre: back within a group, never across or out of 198/218', () => {
    expect(exceptionalTransition('130', '110', 'centre', 'Réouverture').ok).toBe(true);
    expect(exceptionalTransition('110', '130', 'centre', 'x').ok).toBe(false);
    expect(exceptionalTransition('198', '140', 'centre', 'x').ok).toBe(false);
    expect(exceptionalTransition('200', '140', 'centre', 'x').ok).toBe(false);
    expect(exceptionalTransition('218', '214', 'centre', 'x').ok).toBe(false);
    expect(exceptionalTransition('214', '200', 'centre', 'x').ok).toBe(true);
    expect(exceptionalTargets('140', 'centre')).toEqual(['000', '105', '110', '130']);
    expect(exceptionalTargets('198', 'centre')).toEqual([]);
    expect(exceptionalTargets('200', 'centre')).toEqual([]);
    expect(exceptionalTargets('110', 'academie')).toHaveLength(10);
  });

  it('a reason is mandatory (non-blank) and trimmed', () => {
    for (const reason of ['', '   ', null, undefined]) {
      expect(exceptionalTransition('130', '110', 'centre', reason)).toEqual({
        ok: false,
        code: 'REASON_REQUIRED',
        message: "Le motif du changement d'état est obligatoire",
      });
    }
    expect(exceptionalTransition('130', '110', 'academie', '  motif ')).toMatchObject({ ok: true, reason: 'motif' });
    expect(exceptionalTransition('130', '999', 'academie', 'x')).toMatchObject({ ok: false, code: 'UNKNOWN_STATE' });
  });

  it('allowedTargets lists normal and exceptional targets separately', () => {
    expect(allowedTargets('130', 'centre')).toEqual({
      normal: [{ action: 'TERMINER_GROUPE_1', to: '140', label: 'Terminer le 1er groupe' }],
      exceptional: ['000', '105', '110'],
    });
    expect(allowedTargets('198', 'academie').normal.map((n) => n.to)).toEqual(['200', '218']);
    expect(allowedTargets('110', 'jury')).toEqual({
      normal: [{ action: 'CLOTURER_DELIBERATION_1', to: '130', label: 'Clôturer la délibération du 1er groupe' }],
      exceptional: [],
    });
    expect(allowedTargets('110', 'centre_epreuve')).toEqual({ normal: [], exceptional: [] });
  });

  it('bulk actions of the Vue synthétique', () => {
    expect(BULK_ACTIONS.map((b) => [b.state, b.button])).toEqual([
      ['130', 'Terminer 1er groupe'],
      ['200', 'Ouvrir délibération 2nd groupe'],
      ['211', 'Terminer 2nd groupe'],
    ]);
    expect(bulkActionFor('200')?.action).toBe('OUVRIR_DELIBERATION_2');
    expect(bulkActionFor('110')).toBeNull();
  });
});

describe('named predicates', () => {
  it('order and groups', () => {
    expect(compareStates('105', '110')).toBe(-1);
    expect(stateAtLeast('130', '130')).toBe(true);
    expect(stateAtLeast('110', '130')).toBe(false);
    expect(stateAtMost('110', '110')).toBe(true);
    expect(stateBetween('200', '198', '200')).toBe(true);
    expect(stateBetween('210', '198', '200')).toBe(false);
    expect(JURY_STATES.map(groupOf)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  });

  it('grade modification, locks, publication', () => {
    expect(JURY_STATES.filter((s) => canModifyGrades(s, 1))).toEqual(['105', '110']);
    expect(JURY_STATES.filter((s) => canModifyGrades(s, 2))).toEqual(['210']);
    expect(JURY_STATES.filter(isLockedByAcademie)).toEqual(['198', '218']);
    expect(JURY_STATES.filter((s) => isGroupLocked(s, 1))).toEqual(['198', '200', '210', '211', '214', '218']);
    expect(JURY_STATES.filter((s) => isGroupLocked(s, 2))).toEqual(['218']);
    expect(JURY_STATES.filter((s) => resultsPublished(s))).toEqual(['130', '140', '198', '200', '210', '211', '214', '218']);
    expect(JURY_STATES.filter((s) => resultsPublished(s, 2))).toEqual(['211', '214', '218']);
    expect(JURY_STATES.filter(isDeliberating)).toEqual(['110', '210']);
    expect(JURY_STATES.filter(canEnterControleChoices)).toEqual(['198', '200']);
    expect(JURY_STATES.filter(canEnterControleGrades)).toEqual(['200']);
  });
});
