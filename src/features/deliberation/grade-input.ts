// What a jury may type as a grade during its deliberation, and the French refusals shared by the
// server (change-grade.ts, sync-offline-changes.ts) and the offline portal in the browser
// (offline-views.ts). Pure.
import { parseControleGrade, parseGrade } from '../../domain/grades.js';
import type { Group } from '../../domain/jury-state.js';
import type { GradeValue } from '../../domain/types.js';

export const ACTING_MEMBER_REQUIRED = 'Indiquez d’abord qui délibère (président ou vice-président du jury) : chaque modification est signée de son nom.';
export const JURY_ONLY = 'Seul le jury (président ou vice-président) modifie les notes en délibération.';
export const BENEFICE_LOCKED = 'Une note conservée en bénéfice d’une session antérieure ne peut pas être modifiée.';

export type ParsedChange = { readonly ok: true; readonly value: GradeValue } | { readonly ok: false; readonly message: string };

/** "12,5", "ABS"… for the group (1st group: a number, ABS, AJ or DI; contrôle: a number or ABS). */
export function parseChangeValue(group: Group, raw: string): ParsedChange {
  const parsed = group === 1 ? parseGrade(raw) : parseControleGrade(raw);
  if (parsed.ok) return { ok: true, value: parsed.value };
  const hint = group === 1 ? 'un nombre de 0 à 20 avec 2 décimales au plus, ABS, AJ ou DI' : 'un nombre de 0 à 20 avec 2 décimales au plus, ou ABS';
  return { ok: false, message: `${parsed.code === 'NOT_ALLOWED' ? parsed.error : `${parsed.error} : saisissez ${hint}`}.` };
}
