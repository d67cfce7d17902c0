// Grades and coefficients as text, the French way: "12,5", "12.50", "ABS"... <-> integer hundredths.
// Digits are parsed as strings: no floating point anywhere.

import type { ControleGradeValue, GradeValue } from './types.js';

export type ParseErrorCode =
  | 'EMPTY'
  | 'NOT_A_NUMBER'
  | 'OUT_OF_RANGE'
  | 'TOO_MANY_DECIMALS'
  | 'NOT_ALLOWED'
  | 'NOT_POSITIVE';

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ParseErrorCode; readonly error: string };

/** Highest grade, in hundredths. */
export const MAX_GRADE_HUNDREDTHS = 2000;

const NUMBER_RE = /^(-?)(\d+)(?:[.,](\d+))?$/;

interface Decimal {
  readonly negative: boolean;
  readonly intDigits: string;
  readonly fracDigits: string;
}

function splitDecimal(text: string): Decimal | null {
  const m = NUMBER_RE.exec(text);
  if (!m) return null;
  return { negative: m[1] === '-', intDigits: m[2] ?? '', fracDigits: m[3] ?? '' };
}

/** Hundredths of a decimal whose fraction has ≤ 2 significant digits, or null (too many decimals). */
function toHundredths(d: Decimal, maxIntDigits: number): number | 'TOO_BIG' | null {
  const frac = d.fracDigits.replace(/0+$/, '');
  if (frac.length > 2) return null;
  const intPart = d.intDigits.replace(/^0+(?=\d)/, '');
  if (intPart.length > maxIntDigits) return 'TOO_BIG';
  const h = Number(intPart) * 100 + Number((frac + '00').slice(0, 2));
  return d.negative ? -h + 0 : h;
}

function fail<T>(code: ParseErrorCode, error: string): ParseResult<T> {
  return { ok: false, code, error };
}

function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** Parses a 0–20 number with ≤ 2 decimals into hundredths. */
export function parseGradeNumber(raw: string): ParseResult<number> {
  const text = raw.trim();
  if (text === '') return fail('EMPTY', 'Note vide');
  const d = splitDecimal(text);
  if (!d) return fail('NOT_A_NUMBER', `« ${text} » n'est pas une note (nombre de 0 à 20, ABS, AJ ou DI)`);
  const h = toHundredths(d, 6);
  if (h === null) return fail('TOO_MANY_DECIMALS', `La note « ${text} » a plus de 2 décimales`);
  if (h === 'TOO_BIG' || h < 0 || h > MAX_GRADE_HUNDREDTHS) {
    return fail('OUT_OF_RANGE', `La note « ${text} » n'est pas comprise entre 0 et 20`);
  }
  return ok(h);
}

export interface ParseGradeOptions {
  /** when true, empty text means "no grade" (missing) and gives { ok: true, value: undefined } */
  readonly allowEmpty?: boolean;
}

export function parseGrade(raw: string, options: { allowEmpty: true }): ParseResult<GradeValue | undefined>;
export function parseGrade(raw: string, options?: ParseGradeOptions): ParseResult<GradeValue>;
/** "12,5" | "12.50" | "9" | "ABS" | "aj" | " DI " -> GradeValue (empty -> error, or missing if allowed). */
export function parseGrade(raw: string, options?: ParseGradeOptions): ParseResult<GradeValue | undefined> {
  const text = raw.trim();
  if (text === '') {
    return options?.allowEmpty ? ok(undefined) : fail('EMPTY', 'Note vide');
  }
  switch (text.toUpperCase()) {
    case 'ABS':
      return ok(ABS);
    case 'AJ':
      return ok(AJ);
    case 'DI':
      return ok(DI);
  }
  const n = parseGradeNumber(text);
  return n.ok ? ok(note(n.value)) : n;
}

export function parseControleGrade(raw: string, options: { allowEmpty: true }): ParseResult<ControleGradeValue | undefined>;
export function parseControleGrade(raw: string, options?: ParseGradeOptions): ParseResult<ControleGradeValue>;
/** A contrôle (2nd group) grade: a number or ABS. */
export function parseControleGrade(
  raw: string,
  options?: ParseGradeOptions,
): ParseResult<ControleGradeValue | undefined> {
  const text = raw.trim();
  if (text === '') {
    return options?.allowEmpty ? ok(undefined) : fail('EMPTY', 'Note de contrôle vide');
  }
  const upper = text.toUpperCase();
  if (upper === 'ABS') return ok(ABS);
  if (upper === 'AJ' || upper === 'DI') {
    return fail('NOT_ALLOWED', `« ${text} » n'est pas admis pour une note de contrôle (un nombre de 0 à 20 ou ABS)`);
  }
  const n = parseGradeNumber(text);
  return n.ok ? ok(note(n.value)) : n;
}

/** "3" -> 300, "1,5" -> 150, "0,5" -> 50. Must be > 0 with at most 2 decimals. */
export function parseCoefficient(raw: string): ParseResult<number> {
  const text = raw.trim();
  if (text === '') return fail('EMPTY', 'Coefficient vide');
  const d = splitDecimal(text);
  if (!d) return fail('NOT_A_NUMBER', `« ${text} » n'est pas un coefficient (nombre positif, ex. 3 ou 1,5)`);
  const h = toHundredths(d, 9);
  if (h === null) return fail('TOO_MANY_DECIMALS', `Le coefficient « ${text} » a plus de 2 décimales`);
  if (h === 'TOO_BIG') return fail('OUT_OF_RANGE', `Le coefficient « ${text} » est trop grand`);
  if (h <= 0) return fail('NOT_POSITIVE', `Le coefficient « ${text} » doit être strictement positif`);
  return ok(h);
}

// Shared values (readonly by type; not frozen, to keep one object shape for the engine's hot loop).
export const ABS: GradeValue & { kind: 'ABS' } = { kind: 'ABS' };
export const AJ: GradeValue & { kind: 'AJ' } = { kind: 'AJ' };
export const DI: GradeValue & { kind: 'DI' } = { kind: 'DI' };

type NoteValue = GradeValue & { kind: 'NOTE' };

/** Shared NOTE values (grades are immutable): fewer objects, and hot in cache when evaluating. */
const NOTES: NoteValue[] = [];
for (let h = 0; h <= MAX_GRADE_HUNDREDTHS; h++) NOTES.push({ kind: 'NOTE', hundredths: h });

/** A numeric grade from hundredths (0..2000); returns a shared immutable value. */
export function note(hundredths: number): NoteValue {
  const v = NOTES[hundredths];
  if (v === undefined) throw new RangeError(`Note invalide : ${hundredths} centièmes (entier de 0 à ${MAX_GRADE_HUNDREDTHS} attendu)`);
  return v;
}

/** 1250 -> "12,50"; 900 -> "9,00"; −5 -> "-0,05". */
export function formatHundredths(h: number, sep = ','): string {
  const negative = h < 0;
  const abs = String(negative ? -h : h);
  const padded = abs.length < 3 ? '000'.slice(abs.length) + abs : abs;
  const s = padded.slice(0, -2) + sep + padded.slice(-2);
  return negative ? '-' + s : s;
}

/** A coefficient without useless zeros: 300 -> "3", 150 -> "1,5", 125 -> "1,25". */
export function formatCoefficient(h: number): string {
  const s = formatHundredths(h);
  return s.replace(/,?0+$/, '');
}

/** GradeValue -> "12,50" | "ABS" | "AJ" | "DI"; missing -> "". */
export function formatGrade(g: GradeValue | undefined | null, sep = ','): string {
  if (!g) return '';
  return g.kind === 'NOTE' ? formatHundredths(g.hundredths, sep) : g.kind;
}

export function gradeEquals(a: GradeValue | undefined | null, b: GradeValue | undefined | null): boolean {
  if (!a || !b) return !a && !b;
  if (a.kind !== b.kind) return false;
  return a.kind !== 'NOTE' || a.hundredths === (b as { hundredths: number }).hundredths;
}

// ---- Bénéfice (grade kept from an earlier session) --------------------------------------------

const SESSION_RE = /^(\d{4})-(\d{2})$/;

/** "2021-06" -> { year: 2021, month: 6 }, or null. */
export function parseSession(text: string): { readonly year: number; readonly month: number } | null {
  const m = SESSION_RE.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { year: Number(m[1]), month };
}

/** Oldest accepted bénéfice: at most this many sessions (years) before the current one. */
export const BENEFICE_MAX_AGE = 5;

/**
 * A bénéfice must be a number ≥ 10 from a session at most 5 sessions old (one BTS session a year),
 * and earlier than the current session.
 */
export function checkBenefice(grade: GradeValue, originSession: string, currentSession: string): ParseResult<string> {
  const origin = parseSession(originSession);
  if (!origin) return fail('NOT_A_NUMBER', `Session du bénéfice « ${originSession} » invalide (format aaaa-mm)`);
  const current = parseSession(currentSession);
  if (!current) return fail('NOT_A_NUMBER', `Session courante « ${currentSession} » invalide (format aaaa-mm)`);
  if (grade.kind !== 'NOTE' || grade.hundredths < 1000) {
    return fail('OUT_OF_RANGE', `Une note en bénéfice doit être un nombre supérieur ou égal à 10 (${formatGrade(grade)})`);
  }
  const age = current.year - origin.year;
  const earlier = age > 0 || (age === 0 && origin.month < current.month);
  if (!earlier) return fail('OUT_OF_RANGE', `Le bénéfice de la session ${originSession} n'est pas antérieur à la session ${currentSession}`);
  if (age > BENEFICE_MAX_AGE) {
    return fail('OUT_OF_RANGE', `Le bénéfice de la session ${originSession} a plus de ${BENEFICE_MAX_AGE} sessions`);
  }
  return ok(originSession.trim());
}

/**
 * A typed 2nd-group entry: '' → null (clear); else the parsed grade, or the French error the grids
 * show (the server's and the browser's, so a wrong value is refused before it leaves the field).
 */
export function parseControleEntry(raw: string): { ok: true; value: ControleGradeValue | null } | { ok: false; message: string } {
  if (raw.trim() === '') return { ok: true, value: null };
  const p = parseControleGrade(raw);
  if (p.ok) return { ok: true, value: p.value };
  const message = p.code === 'NOT_ALLOWED' ? p.error : `${p.error} : saisissez un nombre de 0 à 20 avec 2 décimales au plus, ou ABS`;
  return { ok: false, message: `${message}.` };
}
