// /api/auth: login, logout, current user, acting member (jury).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DbHandle } from '../../db/connect.js';
import { clearSessionCookie, cookieIsSecure, setSessionCookie, actorOf } from './auth-hooks.js';
import { chooseActingMember } from './choose-acting-member.js';
import { requireAuth } from './context.js';
import { presentMe } from './current-user.js';
import { login } from './login.js';
import { changeOwnPassword } from './change-password.js';
import { ActingMemberBody, ChangePasswordBody, ErrorResponse, LoginBody, MeResponse } from './schemas.js';
import { SESSION_COOKIE, closeSession } from './sessions.js';

export interface RouteDeps {
  readonly handle: DbHandle;
  readonly now: () => Date;
  readonly secureCookies: boolean;
}

export function authRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { handle } = deps;

  r.post('/api/auth/login', {
    config: { public: true, skipCsrf: true },
    schema: {
      tags: ['auth'], summary: 'Connexion (identifiant + mot de passe)', body: LoginBody,
      response: { 200: MeResponse, 401: ErrorResponse, 429: ErrorResponse },
    },
  }, async (req, reply) => {
    const { user, session } = await login(handle.db, {
      login: req.body.login, password: req.body.password, address: req.ip, previousToken: req.cookies[SESSION_COOKIE],
    }, deps.now());
    setSessionCookie(reply, session.token, cookieIsSecure(req, deps.secureCookies));
    const auth = { user, actor: await actorOf(handle, user, null), sessionId: session.id, csrfToken: session.csrfToken, actingMember: null };
    return presentMe(handle, auth);
  });

  r.post('/api/auth/logout', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Déconnexion', response: { 204: z.undefined() } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await closeSession(handle.db, token);
    clearSessionCookie(reply, cookieIsSecure(req, deps.secureCookies));
    return reply.code(204).send();
  });

  r.get('/api/auth/me', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Utilisateur connecté et jeton CSRF', response: { 200: MeResponse } },
  }, async (req) => presentMe(handle, req.auth));

  r.post('/api/auth/password', {
    config: { withOneTimePassword: true },
    schema: {
      tags: ['auth'], summary: 'Changer son mot de passe (obligatoire après un mot de passe à usage unique)', body: ChangePasswordBody,
      response: { 200: MeResponse, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
    },
  }, async (req) => {
    const auth = requireAuth(req);
    await changeOwnPassword(handle, auth, { current: req.body.current, next: req.body.next, address: req.ip }, deps.now());
    return presentMe(handle, { ...auth, user: { ...auth.user, mustChangePassword: false } });
  });

  r.post('/api/auth/acting-member', {
    schema: {
      tags: ['auth'], summary: 'Jury : membre qui agit (président ou vice-président)', body: ActingMemberBody,
      response: { 200: MeResponse, 403: ErrorResponse },
    },
  }, async (req) => presentMe(handle, await chooseActingMember(handle, requireAuth(req), req.body.member)));
}
