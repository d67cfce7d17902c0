// Adapter to the jury state machine (src/domain/jury-state.ts): options shown with each jury,
// decisions of normal and exceptional changes, refusals as typed errors. No state comparison here.
import type { JuryView } from '../../db/repositories/juries.js';
import {
  allowedTargets, exceptionalTransition, isJuryAction, transition, transitionRule, type ExceptionalContext, type JuryAction, type TransitionContext,
  type TransitionErrorCode,
  type TransitionFailure,
} from '../../domain/jury-state.js';
import type { ActingMember, Actor, JuryState } from '../../domain/types.js';
import { AppError, type AppErrorCode } from '../../errors/app-error.js';
import type { JuryGuardFacts } from './jury-facts.js';

export const REASON_REQUIRED = 'Le motif est obligatoire.';

export interface TransitionOption {
  readonly action: JuryAction;
  readonly label: string;
  readonly to: JuryState;
}

export function transitionOptions(actor: Actor, jury: Pick<JuryView, 'etat'>): TransitionOption[] {
  return allowedTargets(jury.etat, actor.role).normal.map((t) => ({ action: t.action, label: t.label, to: t.to }));
}

export function exceptionalTargets(actor: Actor, jury: Pick<JuryView, 'etat'>): JuryState[] {
  return [...allowedTargets(jury.etat, actor.role).exceptional];
}

/** The domain's refusal codes, as typed application errors. */
const ERROR_OF: Readonly<Record<TransitionErrorCode, AppErrorCode>> = {
  UNKNOWN_ACTION: 'VALIDATION',
  UNKNOWN_STATE: 'VALIDATION',
  REASON_REQUIRED: 'VALIDATION',
  FORBIDDEN_ROLE: 'FORBIDDEN',
  EXCEPTIONAL_NOT_ALLOWED: 'FORBIDDEN',
  INVALID_STATE: 'CONFLICT',
  ACTING_MEMBER_REQUIRED: 'FORBIDDEN',
  SAME_STATE: 'CONFLICT',
  MISSING_CONTEXT: 'INTERNAL',
  MISSING_GRADES: 'GUARD_REFUSED',
  INCOMPLETE_CANDIDATES: 'GUARD_REFUSED',
  NO_CONTROLE_CANDIDATE: 'GUARD_REFUSED',
  HAS_CONTROLE_CANDIDATES: 'GUARD_REFUSED',
  MISSING_CONTROLE_GRADES: 'GUARD_REFUSED',
  INCOMPLETE_CONTROLE_CANDIDATES: 'GUARD_REFUSED',
  OPEN_DOUBLE_ENTRIES: 'GUARD_REFUSED',
};

export function refusalError(f: TransitionFailure): AppError {
  if (f.code === 'REASON_REQUIRED') return new AppError('VALIDATION', REASON_REQUIRED);
  const message = /[.!?]$/.test(f.message) ? f.message : `${f.message}.`;
  return new AppError(ERROR_OF[f.code], message, f.details?.map((d) => ({ message: d })));
}

export function transitionContext(actor: Actor, f: JuryGuardFacts, actingMember: ActingMember | null = null): TransitionContext {
  const each = (list: JuryGuardFacts['group1Incomplete']) => list.flatMap((c) => c.missing.map((m) => `${c.numero}${c.name ? ` ${c.name}` : ''} : ${m}`));
  return {
    role: actor.role,
    actingMember,
    missingGrades: each(f.group1Incomplete),
    incompleteCandidates: f.group1Incomplete.map((c) => c.numero),
    controleCount: f.controleCount,
    missingControleGrades: each(f.group2Incomplete),
    incompleteControleCandidates: f.group2Incomplete.map((c) => c.numero),
  };
}

/**
 * Decides a normal transition from `etat`; returns the target or throws the refusal. Guard facts are
 * loaded only when the domain asks for them (a guarded transition answers MISSING_CONTEXT without).
 * `actingMember`: the member acting for a jury account (required by the domain for its closings).
 */
export async function decideTransition(
  actor: Actor, etat: JuryState, action: string, facts: () => Promise<JuryGuardFacts>, actingMember: ActingMember | null,
): Promise<JuryState> {
  let result = transition(etat, action, { role: actor.role, actingMember });
  if (!result.ok && result.code === 'MISSING_CONTEXT') result = transition(etat, action, transitionContext(actor, await facts(), actingMember));
  if (!result.ok) throw refusalError(result);
  return result.to;
}

/** Decides an exceptional change ("Gérer l'avancement des jurys"); returns the target and trimmed reason. */
export function decideExceptional(
  actor: Actor, etat: JuryState, to: JuryState, reason: string | undefined, ctx: ExceptionalContext = {},
): { to: JuryState; reason: string } {
  const result = exceptionalTransition(etat, to, actor.role, reason, ctx);
  if (!result.ok) throw refusalError(result);
  return { to: result.to, reason: result.reason };
}

/** 400 for an unknown action, 403 when the actor's role never performs it (whatever the state). */
export function assertMayPerform(actor: Actor, action: string): void {
  if (!isJuryAction(action)) throw new AppError('VALIDATION', `Action inconnue : « ${action.slice(0, 60)} ».`);
  const rule = transitionRule(action);
  const result = transition(rule.from[0]!, action, { role: actor.role });
  if (!result.ok && result.code === 'FORBIDDEN_ROLE') throw refusalError(result);
}
