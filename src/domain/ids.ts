// Format checks of identifiers (SPEC §8). Identifiers are strings: leading zeros are significant.

export const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

const UAI_RE = /^(\d{7})([A-Z])$/;

/** The check letter of a UAI from its 7 digits: UAI_LETTERS[digits mod 23]. */
export function uaiCheckLetter(digits: string): string {
  if (!/^\d{7}$/.test(digits)) throw new RangeError(`UAI : 7 chiffres attendus (« ${digits} »)`);
  return UAI_LETTERS[Number(digits) % 23]!;
}

export type IdCheck = { readonly ok: true } | { readonly ok: false; readonly error: string };

const OK: IdCheck = { ok: true };

/** A UAI: 7 digits then the check letter. */
export function checkUai(uai: string): IdCheck {
  const m = UAI_RE.exec(uai);
  if (!m) return { ok: false, error: `UAI « ${uai} » invalide : 7 chiffres suivis d'une lettre attendus` };
  const expected = uaiCheckLetter(m[1]!);
  if (m[2] !== expected) return { ok: false, error: `UAI « ${uai} » invalide : la lettre de contrôle devrait être ${expected}` };
  return OK;
}

export function isValidUai(uai: string): boolean {
  return checkUai(uai).ok;
}

/** numero_candidat: 11 digits. */
export function isValidCandidateNumber(s: string): boolean {
  return /^\d{11}$/.test(s);
}

/** numero_inscription: 3 digits. */
export function isValidInscription(s: string): boolean {
  return /^\d{3}$/.test(s);
}

/** numero_anonymat: 14 characters (letters and digits, e.g. T230A031000004). */
export function isValidAnonymat(s: string): boolean {
  return /^[A-Z0-9]{14}$/.test(s);
}

/** INE: 9 digits + 2 letters, or 10 digits + 1 letter, or 4 digits, A, 5 digits, 1 letter (format only). */
export function isValidIne(s: string): boolean {
  return /^(?:\d{9}[A-Z]{2}|\d{10}[A-Z]|\d{4}A\d{5}[A-Z])$/.test(s);
}

export function checkCandidateNumber(s: string): IdCheck {
  return isValidCandidateNumber(s) ? OK : { ok: false, error: `Numéro de candidat « ${s} » invalide : 11 chiffres attendus` };
}

export function checkInscription(s: string): IdCheck {
  return isValidInscription(s) ? OK : { ok: false, error: `Numéro d'inscription « ${s} » invalide : 3 chiffres attendus` };
}

export function checkAnonymat(s: string): IdCheck {
  return isValidAnonymat(s) ? OK : { ok: false, error: `Numéro d'anonymat « ${s} » invalide : 14 caractères (lettres majuscules et chiffres) attendus` };
}

export function checkIne(s: string): IdCheck {
  return isValidIne(s)
    ? OK
    : { ok: false, error: `INE « ${s} » invalide : 9 chiffres et 2 lettres, 10 chiffres et 1 lettre, ou 4 chiffres, A, 5 chiffres et 1 lettre attendus` };
}

/** "02319252150 - 001", as printed on documents. */
export function formatCandidateNumber(numeroCandidat: string, inscription: string): string {
  return `${numeroCandidat} - ${inscription}`;
}

