// HTTP contract of /api/auth (zod: validation, serialization and OpenAPI from the same schemas).
import { z } from 'zod';

export const RoleSchema = z.enum(['academie', 'centre', 'jury', 'centre_epreuve']);

export const LoginBody = z.object({
  login: z.string().trim().min(1, { error: "L'identifiant est obligatoire." }).max(100),
  password: z.string().min(1, { error: 'Le mot de passe est obligatoire.' }).max(1000),
});

export const ActingMemberBody = z.object({
  member: z.enum(['president', 'vice_president']),
});

export const CurrentUser = z.object({
  login: z.string(),
  name: z.string(),
  role: RoleSchema,
  scope: z.string(),
  scopeLabel: z.string(),
  /** jury accounts: who is acting, with the name journaled */
  actingMember: z.object({ member: z.enum(['president', 'vice_president']), name: z.string() }).nullable(),
  /** logged in with a one-time password: nothing opens before the account chooses its own */
  mustChangePassword: z.boolean(),
});

export const ChangePasswordBody = z.object({
  current: z.string().min(1, { error: 'Le mot de passe actuel est obligatoire.' }).max(1000),
  next: z.string().min(1, { error: 'Le nouveau mot de passe est obligatoire.' }).max(1000),
});

export const MeResponse = z.object({
  user: CurrentUser.nullable(),
  /** empty when anonymous */
  csrfToken: z.string(),
});

export type MeResponse = z.infer<typeof MeResponse>;

export const ErrorResponse = z.object({
  code: z.string(),
  message: z.string(),
  details: z
    .array(z.object({ message: z.string(), subject: z.string().optional(), file: z.string().optional(), line: z.number().optional() }))
    .optional(),
});
