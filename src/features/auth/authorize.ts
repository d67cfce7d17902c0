// Turns a policy verdict (pure domain) into the HTTP-facing error: hidden → 404 (the resource does
// not exist for this actor), forbidden → 403, allowed → nothing.
import { AppError } from '../../errors/app-error.js';

export type Verdict = 'hidden' | 'forbidden' | 'allowed';

export function enforce(verdict: Verdict, messages: { hidden?: string; forbidden?: string } = {}): void {
  if (verdict === 'allowed') return;
  if (verdict === 'hidden') throw new AppError('NOT_FOUND', messages.hidden);
  throw new AppError('FORBIDDEN', messages.forbidden);
}
