// The authenticated context of a request: who acts (domain Actor) and their session.
import type { FastifyRequest } from 'fastify';
import type { JuryView } from '../../db/repositories/juries.js';
import type { UserRecord } from '../../db/repositories/users.js';
import type { ActingMember, Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';

export type { ActingMember };

export interface AuthContext {
  readonly actor: Actor;
  readonly user: UserRecord;
  readonly sessionId: string;
  readonly csrfToken: string;
  /** jury accounts: who of the président / vice-président is acting (journal "who") */
  readonly actingMember: ActingMember | null;
  /**
   * The jury of a jury account as read with the session, by this request (absent when not read):
   * the jury portal reuses it instead of reading the jury again.
   */
  readonly jury?: JuryView;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** route reachable without a session */
    public?: boolean;
    /** state-changing route exempt from the CSRF check (login only) */
    skipCsrf?: boolean;
    /** reachable by an account that must still replace its one-time password (the change itself) */
    withOneTimePassword?: boolean;
  }
}

/** The authenticated context, or 401. */
export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError('UNAUTHENTICATED');
  return req.auth;
}

export function requireActor(req: FastifyRequest): Actor {
  return requireAuth(req).actor;
}
