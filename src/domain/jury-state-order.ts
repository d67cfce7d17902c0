// The order of jury states, their groups, and the named predicates on a state. Everything that
// depends on state codes lives here or in jury-state.ts: no other file compares codes.

import { JURY_STATES, type JuryState } from './types.js';

const INDEX: ReadonlyMap<JuryState, number> = new Map(JURY_STATES.map((s, i) => [s, i]));

function indexOf(s: JuryState): number {
  const i = INDEX.get(s);
  if (i === undefined) throw new RangeError(`État de jury inconnu : ${String(s)}`);
  return i;
}

/** Sign of a − b in the lifecycle order. */
export function compareStates(a: JuryState, b: JuryState): number {
  return Math.sign(indexOf(a) - indexOf(b));
}

export function stateAtLeast(state: JuryState, min: JuryState): boolean {
  return indexOf(state) >= indexOf(min);
}

export function stateAtMost(state: JuryState, max: JuryState): boolean {
  return indexOf(state) <= indexOf(max);
}

/** lo ≤ state ≤ hi (inclusive) */
export function stateBetween(state: JuryState, lo: JuryState, hi: JuryState): boolean {
  const i = indexOf(state);
  return i >= indexOf(lo) && i <= indexOf(hi);
}

export type Group = 1 | 2;

/** 000–198 belong to the 1st group, 200–218 to the 2nd. */
export function groupOf(state: JuryState): Group {
  return indexOf(state) < indexOf('200') ? 1 : 2;
}

/** States of a group the centre may move a jury between (backwards): never 198 nor 218. */
export const CENTRE_GROUP_STATES: Readonly<Record<Group, readonly JuryState[]>> = {
  1: ['000', '105', '110', '130', '140'],
  2: ['200', '210', '211', '214'],
};

/** The jury may change grades: 105/110 for the 1st group, 210 for the 2nd. */
export function canModifyGrades(state: JuryState, group: Group): boolean {
  return group === 1 ? state === '105' || state === '110' : state === '210';
}

/**
 * A re-import may replace the jury's data (candidates, grades) only before its deliberation opens
 * (state < 110). From 110 on, the data belongs to the deliberation (SPEC §7, ADR 0014).
 */
export function importMayReplace(state: JuryState): boolean {
  return compareStates(state, '110') < 0;
}

/** The jury is deliberating (110 or 210): its deliberation can be closed. */
export function isDeliberating(state: JuryState): boolean {
  return state === '110' || state === '210';
}

/** 198 or 218: a group locked by the académie. */
export function isLockedByAcademie(state: JuryState): boolean {
  return state === '198' || state === '218';
}

/** The group's results can no longer change in the centre (1st: from 198 on; 2nd: 218). */
export function isGroupLocked(state: JuryState, group: Group): boolean {
  return group === 1 ? stateAtLeast(state, '198') : state === '218';
}

/** Publication embargo: 1st-group results exist from 130 on, 2nd-group results from 211 on. */
export function resultsPublished(state: JuryState, group: Group = 1): boolean {
  return stateAtLeast(state, group === 1 ? '130' : '211');
}

/** 2nd-group choices may be entered (198–200). */
export function canEnterControleChoices(state: JuryState): boolean {
  return state === '198' || state === '200';
}

/** 2nd-group grades may be entered (200). */
export function canEnterControleGrades(state: JuryState): boolean {
  return state === '200';
}

/**
 * A double-entry mismatch of a 2nd-group grade may be arbitrated: while grades are collected (200),
 * and at 210 when the académie opened the deliberation over open rows (they stay open and listed).
 */
export function canArbitrateControleGrades(state: JuryState): boolean {
  return state === '200' || state === '210';
}

