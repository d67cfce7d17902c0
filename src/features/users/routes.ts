// /api/users — académie only (policy canManageUsers).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../server/app.js';
import { requireActor } from '../auth/context.js';
import { ErrorResponse } from '../auth/schemas.js';
import { createUser } from './create-user.js';
import { listUsers } from './list-users.js';
import { z } from 'zod';
import { portalUrlFor } from '../editions/portal-url.js';
import { disableJuryAccounts } from './provision-accounts.js';
import { requestProvisioning } from './provisioning-job.js';
import { provisioningStatus } from '../../db/repositories/users.js';
import { enforce } from '../auth/authorize.js';
import { canManageUsers } from './policies.js';
import { resetPassword } from './reset-password.js';
import { setAgentIdentity } from './agent-identity.js';
import { CreatedUserDto, CreateUserBody, SetAgentIdentityBody, LoginParams, ResetPasswordDto, UpdateUserBody, UserDto, UserList } from './schemas.js';
import { updateUser } from './update-user.js';

export function usersRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

  r.get('/api/users', {
    schema: { tags: ['users'], summary: 'Comptes (académie)', response: { 200: UserList, ...errors } },
  }, async (req) => ({ items: await listUsers(deps.handle.db, requireActor(req)) }));

  r.post('/api/users', {
    schema: {
      tags: ['users'], summary: 'Créer un compte (académie) ; sans mot de passe saisi, un mot de passe à usage unique est généré et rendu une fois',
      body: CreateUserBody, response: { 201: CreatedUserDto, ...errors },
    },
  }, async (req, reply) => {
    const created = await createUser(deps.handle, requireActor(req), req.body, deps.now());
    return reply.code(201).send({ ...created.user, oneTimePassword: created.oneTimePassword });
  });

  r.get('/api/users/provisioning', {
    schema: {
      tags: ['users'], summary: 'Comptes de la session créés par « Créer les comptes de la session » : nombre et dernier envoi (académie)',
      response: { 200: z.object({ accounts: z.number(), lastAt: z.string().nullable() }), ...errors },
    },
  }, async (req) => {
    enforce(canManageUsers(requireActor(req)));
    return provisioningStatus(deps.handle.db);
  });

  r.post('/api/users/provisioning', {
    schema: {
      tags: ['users'], summary: "Créer ou renouveler les comptes des centres, centres d'épreuve et jurys, avec leurs fiches d'accès (traitement de fond, académie)",
      response: { 202: z.object({ jobId: z.number() }), ...errors },
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    enforce(canManageUsers(actor));
    const url = portalUrlFor(req, process.env, req.server.addresses().map((a) => (typeof a === 'string' ? a : a.address)));
    return reply.code(202).send(await requestProvisioning(deps.handle, actor, url, deps.now()));
  });

  r.post('/api/users/disable-juries', {
    schema: {
      tags: ['users'], summary: 'Fin de session : désactiver tous les comptes de jury (académie)',
      response: { 200: z.object({ disabled: z.number() }), ...errors },
    },
  }, async (req) => disableJuryAccounts(deps.handle, requireActor(req), deps.now()));

  r.post('/api/users/:login/reset-password', {
    schema: {
      tags: ['users'], summary: 'Réinitialiser le mot de passe : un mot de passe à usage unique, rendu une fois (académie)',
      params: LoginParams, response: { 200: ResetPasswordDto, ...errors },
    },
  }, async (req) => {
    const res = await resetPassword(deps.handle, requireActor(req), req.params.login, deps.now());
    return { user: res.user, oneTimePassword: res.oneTimePassword! };
  });

  r.put('/api/users/:login/sso', {
    schema: {
      tags: ['users'], summary: "Associer une identité d'agent (e-mail ou sujet du jeton d'identité) au compte, ou la retirer (null) ; journalisé (académie)",
      params: LoginParams, body: SetAgentIdentityBody, response: { 200: UserDto, ...errors },
    },
  }, async (req) => setAgentIdentity(deps.handle, requireActor(req), req.params.login, req.body.sso, deps.now()));

  r.patch('/api/users/:login', {
    schema: {
      tags: ['users'], summary: 'Modifier un compte : nom, actif, nouveau mot de passe (académie)',
      params: LoginParams, body: UpdateUserBody, response: { 200: UserDto, ...errors },
    },
  }, async (req) => updateUser(deps.handle, requireActor(req), req.params.login, req.body, deps.now()));
}
