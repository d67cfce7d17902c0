// /api/auth/sso and /api/auth/oidc/*: agent single sign-on (ADR 0018). Browser navigations, not
// XHR: start redirects to the provider, the provider redirects back to callback, which opens the
// session and redirects to the application (or to the login page with the reason of a refusal).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DbHandle } from '../../../db/connect.js';
import { AppError } from '../../../errors/app-error.js';
import { cookieIsSecure, setSessionCookie } from '../auth-hooks.js';
import { AgentLoginRefused, completeAgentLogin, PENDING_TTL_MS, startAgentLogin } from './agent-login.js';
import type { OidcClient } from './client.js';

export const STATE_COOKIE = 'delib_oidc_state';
export const SSO_NOT_CONFIGURED = "La connexion agent n'est pas configurée sur ce serveur : connectez-vous avec votre identifiant et votre mot de passe.";

export interface OidcRouteDeps {
  readonly handle: DbHandle;
  readonly now: () => Date;
  readonly secureCookies: boolean;
  readonly client: OidcClient | null;
}

/** Where the browser goes after a refusal: the login page, which says why in French. */
const refusedTo = (reason: string) => `/connexion?sso=${reason}`;

export function oidcRoutes(app: FastifyInstance, deps: OidcRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { client } = deps;
  // the state cookie is sent back on the provider's top-level redirect (SameSite=Lax), only to these routes
  const stateCookie = (req: FastifyRequest) => ({ httpOnly: true, sameSite: 'lax' as const, path: '/api/auth/oidc', secure: cookieIsSecure(req, deps.secureCookies) });
  const requireClient = (): OidcClient => {
    if (!client) throw new AppError('NOT_FOUND', SSO_NOT_CONFIGURED);
    return client;
  };
  const refuse = (req: FastifyRequest, reply: FastifyReply, e: unknown) => {
    if (!(e instanceof AgentLoginRefused)) throw e;
    req.log.warn({ reason: e.reason, detail: e.detail }, 'connexion agent refusée');
    return reply.redirect(refusedTo(e.reason), 302);
  };

  r.get('/api/auth/sso', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'Connexion agent (OpenID Connect) : configurée ou non, et le nom du bouton',
      response: { 200: z.object({ enabled: z.boolean(), label: z.string().nullable() }) },
    },
  }, async () => ({ enabled: client !== null, label: client?.settings.label ?? null }));

  r.get('/api/auth/oidc/start', {
    config: { public: true },
    schema: { tags: ['auth'], summary: "Connexion agent : redirige vers le fournisseur d'identité (code d'autorisation, PKCE, state, nonce)" },
  }, async (req, reply) => {
    const c = requireClient();
    try {
      const { url, state } = await startAgentLogin(deps.handle.db, c, deps.now(), req.ip);
      reply.setCookie(STATE_COOKIE, state, { ...stateCookie(req), maxAge: PENDING_TTL_MS / 1000 });
      return reply.redirect(url.href, 302);
    } catch (e) {
      return refuse(req, reply, e);
    }
  });

  r.get('/api/auth/oidc/callback', {
    config: { public: true },
    schema: { tags: ['auth'], summary: "Connexion agent : retour du fournisseur d'identité (jeton d'identité vérifié, identité associée à un compte)" },
  }, async (req, reply) => {
    const c = requireClient();
    const browserState = req.cookies[STATE_COOKIE];
    reply.clearCookie(STATE_COOKIE, stateCookie(req));
    // the URL the provider redirected to: the configured redirect URI with the query received
    const url = new URL(c.settings.redirectUri.href);
    const q = req.url.indexOf('?');
    url.search = q >= 0 ? req.url.slice(q) : '';
    try {
      const { session } = await completeAgentLogin(deps.handle, c, { url, browserState }, deps.now());
      setSessionCookie(reply, session.token, cookieIsSecure(req, deps.secureCookies));
      return reply.redirect('/', 302);
    } catch (e) {
      return refuse(req, reply, e);
    }
  });
}
