import { describe, expect, it } from 'vitest';
import {
  checkUai, formatCandidateNumber, isValidAnonymat, isValidCandidateNumber, isValidIne, isValidInscription, isValidUai, uaiCheckLetter,
} from '../../src/domain/ids.js';

describe('identifiers (SPEC §8)', () => {
  it.each(['0250001R', '0250013D', '0390007W', '0700021T', '0250069P'])('UAI %s is valid', (uai) => {
    expect(isValidUai(uai)).toBe(true);
  });

  it('UAI check letter and errors', () => {
    expect(uaiCheckLetter('0250001')).toBe('R');
    expect(isValidUai('0250001S')).toBe(false);
    expect(checkUai('0250001S')).toEqual({ ok: false, error: 'UAI « 0250001S » invalide : la lettre de contrôle devrait être R' });
    expect(isValidUai('250001R')).toBe(false);
    expect(isValidUai('0250001r')).toBe(false);
    expect(checkUai('ABC').ok).toBe(false);
  });

  it('numero_candidat, inscription, anonymat', () => {
    expect(isValidCandidateNumber('02319252150')).toBe(true);
    expect(isValidCandidateNumber('2319252150')).toBe(false);
    expect(isValidCandidateNumber('0231925215X')).toBe(false);
    expect(isValidInscription('001')).toBe(true);
    expect(isValidInscription('1')).toBe(false);
    expect(isValidAnonymat('T230A031000004')).toBe(true);
    expect(isValidAnonymat('T230A03100000')).toBe(false);
  });

  it('INE formats', () => {
    expect(isValidIne('210340601AA')).toBe(true);
    expect(isValidIne('2103406011A')).toBe(true);
    expect(isValidIne('1234A12345B')).toBe(true);
    expect(isValidIne('1234B12345B')).toBe(false);
    expect(isValidIne('21034060AAA')).toBe(false);
    expect(isValidIne('210340601A')).toBe(false);
  });

  it('prints numero_candidat - inscription', () => {
    expect(formatCandidateNumber('02319252150', '001')).toBe('02319252150 - 001');
  });
});
