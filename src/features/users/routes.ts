// /api/users — académie only (policy canManageUsers).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../server/app.js';
import { requireActor } from '../auth/context.js';
import { ErrorResponse } from '../auth/schemas.js';
import { createUser } from './create-user.js';
import { listUsers } from './list-users.js';
import { resetPassword } from './reset-password.js';
import { CreatedUserDto, CreateUserBody, LoginParams, ResetPasswordDto, UpdateUserBody, UserDto, UserList } from './schemas.js';
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

  r.post('/api/users/:login/reset-password', {
    schema: {
      tags: ['users'], summary: 'Réinitialiser le mot de passe : un mot de passe à usage unique, rendu une fois (académie)',
      params: LoginParams, response: { 200: ResetPasswordDto, ...errors },
    },
  }, async (req) => {
    const res = await resetPassword(deps.handle, requireActor(req), req.params.login, deps.now());
    return { user: res.user, oneTimePassword: res.oneTimePassword! };
  });

  r.patch('/api/users/:login', {
    schema: {
      tags: ['users'], summary: 'Modifier un compte : nom, actif, nouveau mot de passe (académie)',
      params: LoginParams, body: UpdateUserBody, response: { 200: UserDto, ...errors },
    },
  }, async (req) => updateUser(deps.handle, requireActor(req), req.params.login, req.body, deps.now()));
}
