import { describe, expect, it } from 'vitest';
import { activityAvailability, EDITION_KINDS, editionAvailability, editionGroups } from '../../src/domain/activities.js';
import { JURY_STATES, type JuryState } from '../../src/domain/types.js';

const allowed = (kind: (typeof EDITION_KINDS)[number], group: 1 | 2) =>
  JURY_STATES.filter((s: JuryState) => editionAvailability(kind, group, s).ok);

describe('editions allowed per jury state (SPEC §5)', () => {
  it('1st group', () => {
    expect(allowed('livrets', 1)).toEqual(['000', '105', '110']);
    expect(allowed('plan-secours', 1)).toEqual(['000', '105', '110']);
    expect(allowed('liste-triee', 1)).toEqual(['110']);
    expect(allowed('stats-decision', 1)).toEqual(['110']);
    expect(allowed('resultats-admis', 1)).toEqual(['130', '140', '198', '200', '210', '211', '214', '218']);
    expect(allowed('pv-tenue', 1)[0]).toBe('130');
    expect(allowed('rln', 1)[0]).toBe('140');
    expect(allowed('fraudeurs-liste-rouge', 1)).toHaveLength(11);
  });

  it('2nd group', () => {
    expect(allowed('plan-secours', 2)).toEqual(['200', '210']);
    expect(allowed('convocations', 2)).toEqual(['200']);
    expect(allowed('notes-manquantes', 2)).toEqual(['200']);
    expect(allowed('resultats-admis', 2)).toEqual(['211', '214', '218']);
    expect(editionGroups('resultats-controle')).toEqual([1]);
    expect(editionGroups('bordereaux')).toEqual([2]);
    expect(editionAvailability('resultats-controle', 2, '211')).toEqual({ ok: false, reason: "Cette édition n'existe pas pour le 2nd groupe" });
  });

  it('gives the reason of a greyed jury', () => {
    expect(editionAvailability('resultats-admis', 1, '110')).toEqual({
      ok: false,
      reason: "Jury à l'état 110 (Délibération du 1er groupe) : édition disponible à partir de l'état 130 (Editions après la délibération du 1er groupe)",
    });
    expect(editionAvailability('livrets', 1, '130')).toMatchObject({ reason: expect.stringMatching(/jusqu'à l'état 110/) });
  });

  it('activities', () => {
    expect(JURY_STATES.filter((s) => activityAvailability('saisie-choix-controle', s).ok)).toEqual(['198', '200']);
    expect(JURY_STATES.filter((s) => activityAvailability('saisie-notes-controle', s).ok)).toEqual(['200']);
  });
});
