// The blind double entry of contrôle grades (src/domain/double-entry.ts, ADR 0012).
import { describe, expect, it } from 'vitest';
import {
  agreedValue, arbitrationRefusal, awaitsArbitration, entryVisibleTo, entryWriteRefusal, gradeStatus, isBlind, isOpen, type DoubleEntryFacts,
} from '../../src/domain/double-entry.js';
import { note } from '../../src/domain/grades.js';

const A = 'centre-a';
const B = 'centre-b';
const C = 'academie';
const typed = (h: number | 'ABS', byLogin: string | null = A) => ({ value: h === 'ABS' ? { kind: 'ABS' as const } : note(h), byLogin });
const facts = (o: Partial<DoubleEntryFacts> = {}): DoubleEntryFacts => ({ required: true, inForce: undefined, first: undefined, second: undefined, ...o });

describe('status: no verdict before both entries exist', () => {
  it('without double entry, the value is the grade', () => {
    expect(gradeStatus(facts({ required: false }))).toBe('MANQUANTE');
    expect(gradeStatus(facts({ required: false, inForce: note(1200) }))).toBe('SAISIE');
  });

  it('one entry waits, whoever typed it; two entries agree or not; an arbitrated mismatch is resolved', () => {
    expect(gradeStatus(facts())).toBe('MANQUANTE');
    expect(gradeStatus(facts({ first: typed(1200) }))).toBe('ATTENTE_SECONDE');
    expect(gradeStatus(facts({ second: typed(1200, B) }))).toBe('ATTENTE_SECONDE');
    expect(gradeStatus(facts({ first: typed(1100), second: typed(1300, B) }))).toBe('DISCORDANTE');
    expect(gradeStatus(facts({ first: typed(1200), second: typed(1200, B), inForce: note(1200) }))).toBe('CONCORDANTE');
    expect(gradeStatus(facts({ first: typed('ABS'), second: typed('ABS', B), inForce: { kind: 'ABS' } }))).toBe('CONCORDANTE');
    expect(gradeStatus(facts({ first: typed(1100), second: typed(1300, B), inForce: note(1200) }))).toBe('ARBITREE');
  });

  it('an open row stays a double entry (and missing) after the double entry is switched off', () => {
    const open = facts({ required: false, first: typed(1100), second: typed(1300, B) });
    expect(isOpen(open)).toBe(true);
    expect(gradeStatus(open)).toBe('DISCORDANTE');
    expect(entryWriteRefusal(open, 1, C)).toBe('BOTH_TYPED');
  });

  it('the value goes in force only when both entries are equal', () => {
    expect(agreedValue({ first: typed(1200), second: typed(1200, B) })).toEqual(note(1200));
    expect(agreedValue({ first: typed(1200), second: typed(1250, B) })).toBeUndefined();
    expect(agreedValue({ first: typed(1200), second: undefined })).toBeUndefined();
  });
});

describe('blind: a single entry is known to its author only', () => {
  const one = facts({ first: typed(1100, A) });
  it('while the other entry may still be typed', () => {
    expect(isBlind(one)).toBe(true);
    expect(entryVisibleTo(one, 1, A)).toBe(true);
    expect(entryVisibleTo(one, 1, B)).toBe(false);
    expect(entryVisibleTo(one, 1, C)).toBe(false);
    // a value in force turned into entry 1 has no author: nobody sees it until the second entry
    expect(entryVisibleTo(facts({ first: typed(1100, null) }), 1, A)).toBe(false);
  });

  it('no longer once both exist, or once nothing more can be typed (jury past 200)', () => {
    const both = facts({ first: typed(1100, A), second: typed(1300, B) });
    expect(entryVisibleTo(both, 1, B)).toBe(true);
    expect(entryVisibleTo(both, 2, A)).toBe(true);
    expect(entryVisibleTo(one, 1, C, false)).toBe(true);
  });
});

describe('who may type which entry', () => {
  it('two different people; the author alone corrects a blind entry; frozen once both exist or in force', () => {
    expect(entryWriteRefusal(facts(), 1, A)).toBeNull();
    expect(entryWriteRefusal(facts(), 2, A)).toBeNull();
    const one = facts({ first: typed(1100, A) });
    expect(entryWriteRefusal(one, 1, A)).toBeNull();
    expect(entryWriteRefusal(one, 2, A)).toBe('SAME_PERSON');
    expect(entryWriteRefusal(one, 1, B)).toBe('OTHER_AUTHOR');
    expect(entryWriteRefusal(one, 2, B)).toBeNull();
    expect(entryWriteRefusal(facts({ first: typed(1100, A), second: typed(1300, B) }), 2, B)).toBe('BOTH_TYPED');
    expect(entryWriteRefusal(facts({ first: typed(1200, A), second: typed(1200, B), inForce: note(1200) }), 1, A)).toBe('IN_FORCE');
    expect(entryWriteRefusal(facts({ required: false }), 2, A)).toBe('NOT_DOUBLE_ENTRY');
    expect(entryWriteRefusal(facts({ required: false, inForce: note(1200) }), 1, B)).toBeNull();
  });
});

describe('arbitration: by a third person, never by either author', () => {
  const mismatch = facts({ first: typed(1100, A), second: typed(1300, B) });
  it('a mismatch waits for arbitration; a single entry only once nothing more can be typed', () => {
    expect(awaitsArbitration(mismatch, true)).toBe(true);
    expect(awaitsArbitration(facts({ first: typed(1100, A) }), true)).toBe(false);
    expect(awaitsArbitration(facts({ first: typed(1100, A) }), false)).toBe(true);
    expect(awaitsArbitration(facts({ first: typed(1200, A), second: typed(1200, B), inForce: note(1200) }), true)).toBe(false);
  });

  it('refuses both authors, accepts anyone else', () => {
    expect(arbitrationRefusal(mismatch, A, true)).toBe('AUTHOR');
    expect(arbitrationRefusal(mismatch, B, true)).toBe('AUTHOR');
    expect(arbitrationRefusal(mismatch, C, true)).toBeNull();
    expect(arbitrationRefusal(facts({ first: typed(1100, A) }), C, true)).toBe('NOTHING_TO_ARBITRATE');
    expect(arbitrationRefusal(facts({ first: typed(1100, A) }), C, false)).toBeNull();
  });
});
