// The blind double entry of contrôle grades (issue #20, ADR 0012) as pure rules: where a grade
// stands, what a person may see of a typed entry, who may type which entry, who may arbitrate.
//
// A grade under double entry is typed twice, by two people, the second without seeing the first.
// Nothing counts until the two agree (the value then goes in force) or a third person arbitrates:
// until then the grade is missing for the engine, the documents and every screen. While a single
// entry exists its value is known to its author only; once both exist they are frozen (no retry
// until it matches): a mismatch is resolved by arbitration, never by either author.
import { gradeEquals } from './grades.js';
import type { ControleGradeValue } from './types.js';

export type EntryNo = 1 | 2;

export interface TypedEntry {
  readonly value: ControleGradeValue;
  /** login of its author; null for a value in force turned into entry 1 (imported, or typed earlier) */
  readonly byLogin: string | null;
}

export interface DoubleEntryFacts {
  /** the double entry is enabled for this jury × épreuve */
  readonly required: boolean;
  /** the value in force (what the engine reads) */
  readonly inForce: ControleGradeValue | undefined;
  readonly first: TypedEntry | undefined;
  readonly second: TypedEntry | undefined;
}

export type GradeStatus = 'MANQUANTE' | 'SAISIE' | 'ATTENTE_SECONDE' | 'CONCORDANTE' | 'DISCORDANTE' | 'ARBITREE';

export const entryOf = (f: DoubleEntryFacts, n: EntryNo): TypedEntry | undefined => (n === 1 ? f.first : f.second);
export const otherEntry = (n: EntryNo): EntryNo => (n === 1 ? 2 : 1);
const typedCount = (f: DoubleEntryFacts): number => (f.first ? 1 : 0) + (f.second ? 1 : 0);

/** Typed and not in force: the grade is missing until its entries agree or are arbitrated. */
export function isOpen(f: DoubleEntryFacts): boolean {
  return f.inForce === undefined && typedCount(f) > 0;
}

/** Entered twice: the double entry is enabled, or the row is still open since it was disabled. */
export function isDoubleEntry(f: DoubleEntryFacts): boolean {
  return f.required || isOpen(f);
}

/** One entry only and nothing in force: its value belongs to its author alone. */
export function isBlind(f: DoubleEntryFacts): boolean {
  return f.inForce === undefined && typedCount(f) === 1;
}

export function gradeStatus(f: DoubleEntryFacts): GradeStatus {
  if (!isDoubleEntry(f)) return f.inForce ? 'SAISIE' : 'MANQUANTE';
  const { first, second } = f;
  if (f.inForce) {
    if (!first || !second) return 'SAISIE';
    return gradeEquals(first.value, second.value) ? 'CONCORDANTE' : 'ARBITREE';
  }
  if (!first && !second) return 'MANQUANTE';
  return first && second ? 'DISCORDANTE' : 'ATTENTE_SECONDE';
}

/**
 * The value of entry `n` may be shown to `login`: never someone else's entry while it is blind and the
 * other entry may still be typed (`entriesPossible`: the jury collects the grades, at 200).
 */
export function entryVisibleTo(f: DoubleEntryFacts, n: EntryNo, login: string, entriesPossible = true): boolean {
  const e = entryOf(f, n);
  if (!e) return false;
  return !(isBlind(f) && entriesPossible) || (e.byLogin !== null && e.byLogin === login);
}

export type EntryRefusal = 'NOT_DOUBLE_ENTRY' | 'IN_FORCE' | 'BOTH_TYPED' | 'SAME_PERSON' | 'OTHER_AUTHOR';

/**
 * Why `login` may not type (or correct, or clear) entry `n` now, or null. Without double entry only
 * entry 1 exists (the value itself). Under double entry: not once the value is in force, not once both
 * entries exist (frozen: arbitration), never both entries by one person, and an entry is corrected by
 * its author only (nobody else may overwrite a value they cannot see).
 */
export function entryWriteRefusal(f: DoubleEntryFacts, n: EntryNo, login: string): EntryRefusal | null {
  if (!isDoubleEntry(f)) return n === 1 ? null : 'NOT_DOUBLE_ENTRY';
  if (f.inForce) return 'IN_FORCE';
  if (f.first && f.second) return 'BOTH_TYPED';
  if (entryOf(f, otherEntry(n))?.byLogin === login) return 'SAME_PERSON';
  const mine = entryOf(f, n);
  if (mine && mine.byLogin !== login) return 'OTHER_AUTHOR';
  return null;
}

/**
 * Open rows wait for arbitration once both entries exist, or once no entry can be typed any more
 * (`entriesPossible` false: the jury left 200 with the row open, by the académie's override).
 */
export function awaitsArbitration(f: DoubleEntryFacts, entriesPossible: boolean): boolean {
  return isOpen(f) && (typedCount(f) === 2 || !entriesPossible);
}

export type ArbitrationRefusal = 'NOTHING_TO_ARBITRATE' | 'AUTHOR';

/** Arbitration is by a third person: never by the author of either entry. */
export function arbitrationRefusal(f: DoubleEntryFacts, login: string, entriesPossible: boolean): ArbitrationRefusal | null {
  if (!awaitsArbitration(f, entriesPossible)) return 'NOTHING_TO_ARBITRATE';
  if (f.first?.byLogin === login || f.second?.byLogin === login) return 'AUTHOR';
  return null;
}

/** Both entries agree: the value that goes in force (undefined otherwise). */
export function agreedValue(f: Pick<DoubleEntryFacts, 'first' | 'second'>): ControleGradeValue | undefined {
  return f.first && f.second && gradeEquals(f.first.value, f.second.value) ? f.first.value : undefined;
}
