// HTTP contract of /api/users (académie: accounts management).
import { z } from 'zod';
import { PASSWORD_POLICY_MESSAGE, MIN_PASSWORD_LENGTH, passwordPolicyError } from '../auth/password.js';
import { RoleSchema } from '../auth/schemas.js';

const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: PASSWORD_POLICY_MESSAGE })
  .max(1000)
  .superRefine((p, ctx) => {
    const problem = passwordPolicyError(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const AgentIdentityBody = z.object({
  claim: z.enum(['email', 'sub'], { error: "Le type d'identité d'agent est « email » ou « sub »." }),
  value: z.string().trim().min(1, { error: "L'identité d'agent est vide." }).max(320),
});

export const UserDto = z.object({
  login: z.string(),
  name: z.string(),
  role: RoleSchema,
  scope: z.string(),
  scopeLabel: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  /** still on a one-time credential (to change at the next login) */
  temporaryCredential: z.boolean(),
  /** last provisioning run that created or refreshed the account */
  provisionedAt: z.string().nullable(),
  /** the agent identity the account answers to (connexion agent): `email:…` or `sub:…` */
  sso: z.object({ claim: z.enum(['email', 'sub']), value: z.string() }).nullable(),
  /** an agent account without a password (it logs in through the identity federation only) */
  ssoOnly: z.boolean(),
});
export type UserDto = z.infer<typeof UserDto>;

export const UserList = z.object({ items: z.array(UserDto) });

export const CreateUserBody = z.object({
  login: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{3,64}$/, { error: "L'identifiant doit faire de 3 à 64 caractères parmi lettres, chiffres, « . », « _ » et « - »." }),
  name: z.string().trim().min(1, { error: 'Le nom est obligatoire.' }).max(200),
  role: RoleSchema,
  scope: z.string().trim().min(1, { error: 'Le périmètre est obligatoire.' }).max(20),
  /** absent: a one-time password is generated and answered once (none when sso is given) */
  password: Password.optional(),
  sso: AgentIdentityBody.optional(),
});

/** PUT /api/users/:login/sso: the agent identity, or null to remove it. */
export const SetAgentIdentityBody = z.object({ sso: AgentIdentityBody.nullable() });

/** A created account, with its one-time password when Délib generated it (shown once). */
export const CreatedUserDto = UserDto.extend({ oneTimePassword: z.string().nullable() });

export const ResetPasswordDto = z.object({ user: UserDto, oneTimePassword: z.string() });

export const UpdateUserBody = z.object({
  name: z.string().trim().min(1, { error: 'Le nom est obligatoire.' }).max(200).optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
});

export const LoginParams = z.object({ login: z.string().min(1).max(64) });
