import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABS, AJ, DI, checkBenefice, formatCoefficient, formatGrade, formatHundredths, gradeEquals, note, parseCoefficient,
  parseControleGrade, parseGrade, parseSession,
} from '../../src/domain/grades.js';

const value = (r: ReturnType<typeof parseGrade>) => (r.ok ? r.value : r.code);

describe('parseGrade', () => {
  it.each([
    ['12,5', 1250],
    ['12.50', 1250],
    ['9', 900],
    ['20', 2000],
    ['0', 0],
    [' 8,25 ', 825],
    ['09,5', 950],
    ['12,500', 1250],
    ['0,01', 1],
  ])('%j → %i hundredths', (text, h) => {
    expect(parseGrade(text)).toEqual({ ok: true, value: { kind: 'NOTE', hundredths: h } });
  });

  it('ABS, AJ, DI, case-insensitive and trimmed', () => {
    expect(value(parseGrade('ABS'))).toBe(ABS);
    expect(value(parseGrade(' abs '))).toBe(ABS);
    expect(value(parseGrade('aj'))).toBe(AJ);
    expect(value(parseGrade('Di'))).toBe(DI);
  });

  it.each([
    ['abc', 'NOT_A_NUMBER'],
    ['12,', 'NOT_A_NUMBER'],
    [',5', 'NOT_A_NUMBER'],
    ['1 2', 'NOT_A_NUMBER'],
    ['1e1', 'NOT_A_NUMBER'],
    ['20,01', 'OUT_OF_RANGE'],
    ['21', 'OUT_OF_RANGE'],
    ['-1', 'OUT_OF_RANGE'],
    ['99999999999999999999', 'OUT_OF_RANGE'],
    ['12,345', 'TOO_MANY_DECIMALS'],
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
  ])('%j → %s with a French message', (text, code) => {
    const r = parseGrade(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.error.length).toBeGreaterThan(5);
    }
  });

  it('messages', () => {
    expect(parseGrade('21')).toMatchObject({ error: "La note « 21 » n'est pas comprise entre 0 et 20" });
    expect(parseGrade('12,345')).toMatchObject({ error: 'La note « 12,345 » a plus de 2 décimales' });
    expect(parseGrade('x')).toMatchObject({ error: "« x » n'est pas une note (nombre de 0 à 20, ABS, AJ ou DI)" });
  });

  it('empty is missing when the caller allows it', () => {
    expect(parseGrade('', { allowEmpty: true })).toEqual({ ok: true, value: undefined });
    expect(parseGrade('  ', { allowEmpty: false })).toMatchObject({ ok: false, code: 'EMPTY' });
  });

  it('round-trips every grade through formatGrade', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), (h) => {
        const text = formatHundredths(h);
        expect(parseGrade(text)).toEqual({ ok: true, value: note(h) });
        expect(parseGrade(text.replace(',', '.'))).toEqual({ ok: true, value: note(h) });
      }),
    );
  });
});

describe('parseControleGrade', () => {
  it('a number or ABS only', () => {
    expect(parseControleGrade('12')).toEqual({ ok: true, value: note(1200) });
    expect(parseControleGrade('abs')).toEqual({ ok: true, value: ABS });
    expect(parseControleGrade('AJ')).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(parseControleGrade('DI')).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(parseControleGrade('25')).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    expect(parseControleGrade('')).toMatchObject({ ok: false, code: 'EMPTY' });
    expect(parseControleGrade('', { allowEmpty: true })).toEqual({ ok: true, value: undefined });
  });
});

describe('parseCoefficient', () => {
  it.each([
    ['3', 300],
    ['1,5', 150],
    ['0,5', 50],
    ['0.25', 25],
    ['12', 1200],
  ])('%j → %i', (text, h) => expect(parseCoefficient(text)).toEqual({ ok: true, value: h }));

  it.each([
    ['0', 'NOT_POSITIVE'],
    ['0,00', 'NOT_POSITIVE'],
    ['-1', 'NOT_POSITIVE'],
    ['1,125', 'TOO_MANY_DECIMALS'],
    ['x', 'NOT_A_NUMBER'],
    ['', 'EMPTY'],
  ])('%j → %s', (text, code) => expect(parseCoefficient(text)).toMatchObject({ ok: false, code }));
});

describe('formatting', () => {
  it('hundredths, grades and coefficients', () => {
    expect(formatHundredths(1250)).toBe('12,50');
    expect(formatHundredths(5)).toBe('0,05');
    expect(formatHundredths(0)).toBe('0,00');
    expect(formatHundredths(2000, '.')).toBe('20.00');
    expect(formatHundredths(-5)).toBe('-0,05');
    expect(formatGrade(note(1250))).toBe('12,50');
    expect(formatGrade(ABS)).toBe('ABS');
    expect(formatGrade(AJ)).toBe('AJ');
    expect(formatGrade(DI)).toBe('DI');
    expect(formatGrade(undefined)).toBe('');
    expect(formatCoefficient(300)).toBe('3');
    expect(formatCoefficient(150)).toBe('1,5');
    expect(formatCoefficient(125)).toBe('1,25');
    expect(formatCoefficient(50)).toBe('0,5');
  });

  it('note() shares immutable values and rejects non-grades', () => {
    expect(note(1250)).toBe(note(1250));
    expect(() => note(2001)).toThrow(RangeError);
    expect(() => note(12.5)).toThrow(RangeError);
    expect(() => note(-1)).toThrow(RangeError);
    expect(gradeEquals(note(10), { kind: 'NOTE', hundredths: 10 })).toBe(true);
    expect(gradeEquals(ABS, { kind: 'ABS' })).toBe(true);
    expect(gradeEquals(ABS, AJ)).toBe(false);
    expect(gradeEquals(undefined, undefined)).toBe(true);
    expect(gradeEquals(undefined, ABS)).toBe(false);
  });
});

describe('bénéfice', () => {
  it('≥ 10, earlier session, at most 5 sessions old', () => {
    expect(parseSession('2021-06')).toEqual({ year: 2021, month: 6 });
    expect(parseSession('2021-13')).toBeNull();
    expect(checkBenefice(note(1200), '2021-06', '2023-06')).toEqual({ ok: true, value: '2021-06' });
    expect(checkBenefice(note(1000), '2018-06', '2023-06').ok).toBe(true);
    expect(checkBenefice(note(1200), '2017-06', '2023-06')).toMatchObject({ ok: false, error: expect.stringMatching(/plus de 5 sessions/) });
    expect(checkBenefice(note(999), '2021-06', '2023-06')).toMatchObject({ ok: false, error: expect.stringMatching(/supérieur ou égal à 10/) });
    expect(checkBenefice(ABS, '2021-06', '2023-06').ok).toBe(false);
    expect(checkBenefice(note(1200), '2023-06', '2023-06').ok).toBe(false);
    expect(checkBenefice(note(1200), '2021', '2023-06').ok).toBe(false);
  });
});
