// Resolves the session of every /api request, enforces "authenticated by default" and the CSRF check
// on state-changing requests. Registered on the root instance so it covers every route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DbHandle } from '../../db/connect.js';
import { findJury, type JuryView } from '../../db/repositories/juries.js';
import type { SessionRecord } from '../../db/repositories/sessions.js';
import type { UserRecord } from '../../db/repositories/users.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import type { ActingMember, AuthContext } from './context.js';
import { SESSION_COOKIE, resolveSession } from './sessions.js';
import { safeEqual } from './tokens.js';

export interface AuthOptions {
  readonly handle: DbHandle;
  readonly now: () => Date;
  readonly secureCookies: boolean;
}

export const PASSWORD_CHANGE_REQUIRED = 'Votre mot de passe est à usage unique : choisissez votre propre mot de passe avant de continuer.';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function cookieIsSecure(req: FastifyRequest, secureCookies: boolean): boolean {
  return secureCookies || req.protocol === 'https';
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure });
}

/** The actor of an account; a jury account acts under the name of its acting member (read from `jury`). */
export function actorWith(user: UserRecord, acting: ActingMember | null, jury: JuryView | undefined): Actor {
  let name = user.name;
  if (user.role === 'jury' && acting) {
    const member = acting === 'president' ? jury?.president : jury?.vicePresident;
    if (member) name = member;
  }
  return { role: user.role, login: user.login, name, scope: user.scope };
}

export async function actorOf(handle: DbHandle, user: UserRecord, acting: ActingMember | null): Promise<Actor> {
  const jury = user.role === 'jury' && acting ? await findJury(handle.db, user.scope) : undefined;
  return actorWith(user, acting, jury);
}

/** The request's context from what resolveSession read (no further query). */
function contextOf(user: UserRecord, session: SessionRecord, jury: JuryView | undefined): AuthContext {
  const acting: ActingMember | null = session.actingMember === 'president' || session.actingMember === 'vice_president' ? session.actingMember : null;
  const base: AuthContext = { actor: actorWith(user, acting, jury), user, sessionId: session.id, csrfToken: session.csrfToken, actingMember: acting };
  return jury && user.role === 'jury' && jury.code === user.scope ? { ...base, jury } : base;
}

function isApiRoute(req: FastifyRequest): boolean {
  const url = req.routeOptions.url;
  return url !== undefined && url.startsWith('/api/') && !url.startsWith('/api/docs');
}

export function registerAuth(app: FastifyInstance, opts: AuthOptions): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req, reply) => {
    if (!isApiRoute(req)) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await resolveSession(opts.handle.db, token, opts.now());
      if (resolved) {
        req.auth = contextOf(resolved.user, resolved.session, resolved.jury);
        if (resolved.newToken) setSessionCookie(reply, resolved.newToken, cookieIsSecure(req, opts.secureCookies));
      }
    }
    const config = req.routeOptions.config;
    if (!req.auth) {
      if (config.public) return;
      throw new AppError('UNAUTHENTICATED');
    }
    if (STATE_CHANGING.has(req.method) && !config.skipCsrf) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, req.auth.csrfToken)) throw new AppError('CSRF_INVALID');
    }
    // a one-time password opens nothing but the change of password (and logout, who am I)
    if (req.auth.user.mustChangePassword && !config.public && !config.withOneTimePassword) {
      throw new AppError('FORBIDDEN', PASSWORD_CHANGE_REQUIRED);
    }
  });
}
