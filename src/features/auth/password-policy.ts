// The password policy as a use-case check: a French VALIDATION error naming what is wrong.
import { AppError } from '../../errors/app-error.js';
import { passwordPolicyError } from './password.js';

/** Throws VALIDATION when the password is too short or guessable (also from the account's own login and name). */
export function assertPasswordPolicy(password: string, userInputs: readonly string[]): void {
  const problem = passwordPolicyError(password, userInputs);
  if (problem) throw new AppError('VALIDATION', problem);
}
