// Pure parts of the editions: criteria validation and the décision filter, journal parsing of grade
// modifications, names, file headers, local times.
import { describe, expect, it } from 'vitest';
import { criterionProblems, isoDate, matchesDecision } from '../../../src/features/editions/criteria.js';
import { parseGradeChange, personName } from '../../../src/features/editions/snapshot/results.js';
import { addressLines } from '../../../src/features/editions/snapshot/context.js';
import { contentDisposition } from '../../../src/jobs/http.js';
import { clockDuration, frenchDateTime, localMinute } from '../../../src/jobs/local-time.js';

describe('criteria (SPEC §6)', () => {
  it('validates operators, values and dates in French', () => {
    expect(criterionProblems({ field: 'nom', op: 'commence-par', values: ['AZ'] })).toEqual([]);
    expect(criterionProblems({ field: 'liste-rouge', op: 'contient', values: ['oui'] })).toEqual(['Opérateur « Contient » non applicable au critère « Liste rouge »']);
    expect(criterionProblems({ field: 'nom', op: 'egal', values: [' '] })).toEqual(['Critère « Nom de famille » : valeur manquante']);
    expect(criterionProblems({ field: 'nom', op: 'egal', values: ['A', 'B'] })).toEqual(['Critère « Nom de famille » : une seule valeur attendue (utilisez « Parmi »)']);
    expect(criterionProblems({ field: 'date-naissance', op: 'egal', values: ['31/02/2002'] })).toEqual(['Critère « Date de naissance » : date invalide « 31/02/2002 » (jj/mm/aaaa)']);
    expect(criterionProblems({ field: 'sexe', op: 'egal', values: ['X'] })).toEqual(['Critère « Sexe » : valeur « X » inconnue']);
    expect(isoDate('01/09/2002')).toBe('2002-09-01');
  });

  it('filters the computed décision in code (AND of the criteria)', () => {
    const c = [{ field: 'decision' as const, op: 'parmi' as const, values: ['ADMIS', 'Passe les épreuves de contrôle'] }];
    expect(matchesDecision(c, 'CONTROLE')).toBe(true);
    expect(matchesDecision(c, 'REFUSE')).toBe(false);
    expect(matchesDecision([{ field: 'decision', op: 'different', values: ['Refusé'] }], 'REFUSE')).toBe(false);
    expect(matchesDecision([{ field: 'nom', op: 'egal', values: ['X'] }], 'REFUSE')).toBe(true);
  });
});

describe('PV: grade modifications from the journal', () => {
  it('reads the entries written by the deliberation (NOTE_MODIFIEE)', () => {
    expect(parseGradeChange({ at: '', actorName: 'x', actorRole: 'jury', candidateId: 12, subject: 'grade:12:U41', beforeJson: '{"note":"9,5"}', afterJson: '{"note":"10","groupe":1}' }))
      .toEqual({ candidateId: 12, epreuve: 'U41', group: 1, before: { kind: 'NOTE', hundredths: 950 }, after: { kind: 'NOTE', hundredths: 1000 } });
    expect(parseGradeChange({ at: '', actorName: 'x', actorRole: 'jury', candidateId: null, subject: 'controle_grade:7:U1', beforeJson: '{"note":null}', afterJson: '{"note":"ABS","groupe":2}' }))
      .toEqual({ candidateId: 7, epreuve: 'U1', group: 2, before: null, after: { kind: 'ABS' } });
  });

  it('prints the président as the memo does', () => {
    expect(personName('DUBOIS Pierre')).toBe('Dubois Pierre');
    expect(personName('MARTIN-DUPONT Anne-Sophie')).toBe('Martin-Dupont Anne-Sophie');
  });

  it('splits the service examen address', () => {
    expect(addressLines('1 rue des champs 25000 BESANCON')).toEqual(['1 rue des champs', '25000 BESANCON']);
    expect(addressLines('Rectorat\n10 rue de la Convention\n25030 BESANCON CEDEX')).toEqual(['Rectorat', '10 rue de la Convention', '25030 BESANCON CEDEX']);
  });
});

describe('downloads and times', () => {
  it('Content-Disposition: ASCII fallback and UTF-8 name, nothing that breaks the header', () => {
    expect(contentDisposition('Résultats été.pdf')).toBe(`attachment; filename="Resultats_ete.pdf"; filename*=UTF-8''R%C3%A9sultats%20%C3%A9t%C3%A9.pdf`);
    const evil = contentDisposition('a"b\r\nSet-Cookie: x=1;/../c.zip');
    expect(evil).not.toMatch(/[\r\n]/);
    expect(evil.split('filename="')[1]!.split('"')[0]).toMatch(/^[A-Za-z0-9._()-]+$/);
  });

  it('local times of the exam office (Europe/Paris) and durations', () => {
    expect(localMinute(new Date('2023-06-06T09:18:00Z'), 'Europe/Paris')).toBe('2023-06-06T11:18');
    expect(frenchDateTime(new Date('2023-01-06T12:54:24Z'), 'Europe/Paris')).toBe('06/01/2023 13:54:24');
    expect(clockDuration(1000)).toBe('00:00:01');
    expect(clockDuration(3_725_000)).toBe('01:02:05');
  });
});
