import { describe, expect, it } from 'vitest';
import {
  canImport, canManageUsers, canSeeCandidate, canSeeJury, canToggleEmergency, decideAdmin, decideCandidate, decideJury, juryActions,
  type CandidateFacts, type JuryFactsWithState,
} from '../../src/domain/policies.js';
import type { Actor, JuryState, Role } from '../../src/domain/types.js';

const actor = (role: Role, scope: string): Actor => ({ role, scope, login: `${role}-${scope}`, name: role });
const ACADEMIE = actor('academie', '03');
const CENTRE = actor('centre', '0250001R');
const OTHER_CENTRE = actor('centre', '0390007W');
const JURY = actor('jury', '31310');
const OTHER_JURY = actor('jury', '31408');
const CENTRE_EPREUVE = actor('centre_epreuve', '0700021T');
const OTHER_CENTRE_EPREUVE = actor('centre_epreuve', '0250069P');

const jury = (etat: JuryState): JuryFactsWithState => ({ code: '31310', centreUai: '0250001R', centresEpreuve: ['0250001R', '0700021T'], etat });
const cand: CandidateFacts = { juryCode: '31310', centreDeliberationUai: '0250001R', centreEpreuveUai: '0700021T' };

describe('scope (SPEC §1)', () => {
  it('who sees the jury', () => {
    expect(canSeeJury(ACADEMIE, jury('110'))).toBe(true);
    expect(canSeeJury(CENTRE, jury('110'))).toBe(true);
    expect(canSeeJury(OTHER_CENTRE, jury('110'))).toBe(false);
    expect(canSeeJury(JURY, jury('110'))).toBe(true);
    expect(canSeeJury(OTHER_JURY, jury('110'))).toBe(false);
    expect(canSeeJury(CENTRE_EPREUVE, jury('110'))).toBe(true); // through its candidates
    expect(canSeeJury(OTHER_CENTRE_EPREUVE, jury('110'))).toBe(false);
    expect(canSeeJury(CENTRE_EPREUVE, { code: '31310', centreUai: '0250001R' })).toBe(false);
  });

  it('who sees the candidate', () => {
    expect(canSeeCandidate(ACADEMIE, cand)).toBe(true);
    expect(canSeeCandidate(CENTRE, cand)).toBe(true);
    expect(canSeeCandidate(OTHER_CENTRE, cand)).toBe(false);
    expect(canSeeCandidate(JURY, cand)).toBe(true);
    expect(canSeeCandidate(OTHER_JURY, cand)).toBe(false);
    expect(canSeeCandidate(CENTRE_EPREUVE, cand)).toBe(true);
    expect(canSeeCandidate(OTHER_CENTRE_EPREUVE, cand)).toBe(false);
  });
});

describe('hidden (404) vs forbidden (403) vs allowed', () => {
  it('a jury out of scope is hidden whatever the action', () => {
    expect(decideJury(OTHER_CENTRE, jury('130'), 'TERMINER_GROUPE_1')).toBe('hidden');
    expect(decideJury(OTHER_JURY, jury('110'), 'CLOTURER_DELIBERATION_1')).toBe('hidden');
    expect(decideJury(OTHER_JURY, jury('110'), 'viewCandidates')).toBe('hidden');
  });

  it('normal transitions follow the table (role and state)', () => {
    expect(decideJury(CENTRE, jury('130'), 'TERMINER_GROUPE_1')).toBe('allowed');
    expect(decideJury(CENTRE, jury('110'), 'TERMINER_GROUPE_1')).toBe('forbidden');
    expect(decideJury(JURY, jury('130'), 'TERMINER_GROUPE_1')).toBe('forbidden');
    expect(decideJury(JURY, jury('110'), 'CLOTURER_DELIBERATION_1')).toBe('allowed');
    expect(decideJury(CENTRE, jury('110'), 'CLOTURER_DELIBERATION_1')).toBe('forbidden');
    expect(decideJury(ACADEMIE, jury('140'), 'VERROUILLER_GROUPE_1')).toBe('allowed');
    expect(decideJury(CENTRE, jury('140'), 'VERROUILLER_GROUPE_1')).toBe('forbidden');
  });

  it('grade modification: the jury, in 105/110/210 only', () => {
    for (const s of ['105', '110', '210'] as const) expect(decideJury(JURY, jury(s), 'modifyGrades')).toBe('allowed');
    for (const s of ['000', '130', '200', '211'] as const) expect(decideJury(JURY, jury(s), 'modifyGrades')).toBe('forbidden');
    expect(decideJury(CENTRE, jury('110'), 'modifyGrades')).toBe('forbidden');
    expect(decideJury(ACADEMIE, jury('110'), 'modifyGrades')).toBe('forbidden');
  });

  it('publication embargo: results from 130 (1st group), 211 (2nd group)', () => {
    for (const a of [ACADEMIE, CENTRE, JURY, CENTRE_EPREUVE]) {
      expect(decideJury(a, jury('110'), 'viewResults')).toBe('forbidden');
      expect(decideJury(a, jury('130'), 'viewResults')).toBe('allowed');
      expect(decideJury(a, jury('210'), 'viewResults2')).toBe('forbidden');
      expect(decideJury(a, jury('211'), 'viewResults2')).toBe('allowed');
    }
    expect(decideCandidate(CENTRE_EPREUVE, cand, '110', 'viewResults')).toBe('forbidden');
    expect(decideCandidate(CENTRE_EPREUVE, cand, '130', 'viewResults')).toBe('allowed');
    expect(decideCandidate(OTHER_CENTRE_EPREUVE, cand, '130', 'viewResults')).toBe('hidden');
  });

  it('grades before publication: not for a centre d\'épreuve; the jury from 105', () => {
    expect(decideCandidate(CENTRE_EPREUVE, cand, '130', 'viewGrades')).toBe('forbidden');
    expect(decideCandidate(JURY, cand, '000', 'viewGrades')).toBe('forbidden');
    expect(decideCandidate(JURY, cand, '110', 'viewGrades')).toBe('allowed');
    expect(decideCandidate(CENTRE, cand, '000', 'viewGrades')).toBe('allowed');
    expect(decideCandidate(OTHER_CENTRE, cand, '000', 'view')).toBe('hidden');
    expect(decideCandidate(CENTRE, cand, '000', 'view')).toBe('allowed');
  });

  it('2nd-group choices (198–200) and grades (200)', () => {
    expect(decideJury(CENTRE, jury('198'), 'enterControleChoices')).toBe('allowed');
    expect(decideJury(CENTRE, jury('210'), 'enterControleChoices')).toBe('forbidden');
    expect(decideCandidate(CENTRE_EPREUVE, cand, '200', 'enterControleGrades')).toBe('allowed');
    expect(decideCandidate(CENTRE_EPREUVE, cand, '210', 'enterControleGrades')).toBe('forbidden');
    expect(decideCandidate(JURY, cand, '200', 'enterControleGrades')).toBe('forbidden');
  });

  it('exceptional changes: académie always, centre when an earlier state of the group exists', () => {
    expect(decideJury(ACADEMIE, jury('000'), 'exceptional')).toBe('allowed');
    expect(decideJury(CENTRE, jury('130'), 'exceptional')).toBe('allowed');
    expect(decideJury(CENTRE, jury('000'), 'exceptional')).toBe('forbidden');
    expect(decideJury(CENTRE, jury('198'), 'exceptional')).toBe('forbidden');
    expect(decideJury(JURY, jury('130'), 'exceptional')).toBe('forbidden');
  });
});

describe('juryActions: what the UI shows is what the server accepts', () => {
  it('lists the capabilities of each role now', () => {
    expect(juryActions(JURY, jury('110'))).toEqual(['CLOTURER_DELIBERATION_1', 'viewCandidates', 'viewGrades', 'modifyGrades', 'closeDeliberation']);
    expect(juryActions(CENTRE, jury('130'))).toEqual(['TERMINER_GROUPE_1', 'viewCandidates', 'viewGrades', 'viewResults', 'exceptional', 'editions']);
    expect(juryActions(ACADEMIE, jury('198'))).toEqual([
      'OUVRIR_RECUEIL_2', 'CLOTURER_SANS_GROUPE_2', 'viewCandidates', 'viewGrades', 'viewResults', 'exceptional', 'enterControleChoices', 'editions', 'toggleEmergency',
    ]);
    expect(juryActions(CENTRE_EPREUVE, jury('200'))).toEqual(['viewCandidates', 'viewResults', 'enterControleGrades']);
    expect(juryActions(OTHER_CENTRE, jury('130'))).toEqual([]);
  });

  it('agrees with decideJury for every state and capability', () => {
    const states: JuryState[] = ['000', '105', '110', '130', '140', '198', '200', '210', '211', '214', '218'];
    for (const a of [ACADEMIE, CENTRE, JURY, CENTRE_EPREUVE]) {
      for (const s of states) {
        const list = juryActions(a, jury(s));
        for (const what of list) expect(decideJury(a, jury(s), what)).toBe('allowed');
      }
    }
  });
});

describe('académie administration', () => {
  it('users, import, emergency access', () => {
    for (const a of [CENTRE, JURY, CENTRE_EPREUVE]) {
      expect(canManageUsers(a)).toBe(false);
      expect(canImport(a)).toBe(false);
      expect(canToggleEmergency(a)).toBe(false);
      expect(decideAdmin(a)).toBe('forbidden');
    }
    expect(canManageUsers(ACADEMIE) && canImport(ACADEMIE) && canToggleEmergency(ACADEMIE)).toBe(true);
    expect(decideAdmin(ACADEMIE)).toBe('allowed');
  });
});
