// How the 2nd-group screens write candidates, spécialités, grades and dates (the memo's forms).
import { formatGrade } from '../../domain/grades.js';
import type { ControleGradeValue } from '../../domain/types.js';

/**
 * "AZBTSUN John (02319252150)": the candidate number whole, its leading zero kept (the memo's screenshot
 * drops it, but 2319252150 is not the candidate's number: issue #14, item 13).
 */
export function candidatLabel(c: { nom: string; prenoms: string; numeroCandidat: string }): string {
  return `${c.nom} ${c.prenoms} (${c.numeroCandidat})`;
}

/** "Banque - conseiller de clientèle (31310)" */
export function specialiteLabel(c: { specialiteLibelle: string; specialiteCode: string }): string {
  return `${c.specialiteLibelle} (${c.specialiteCode})`;
}

/** "02246250289 - 001" */
export function numeroLabel(c: { numeroCandidat: string; numeroInscription: string }): string {
  return `${c.numeroCandidat} - ${c.numeroInscription}`;
}

/** "12,50" | "ABS" | "" */
export function gradeText(v: ControleGradeValue | undefined | null): string {
  return formatGrade(v ?? undefined);
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' */
export function frenchDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}
