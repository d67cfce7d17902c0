// /api/verifier/:code — public (no login): the verification of a code printed on a relevé de notes or
// a PVI (issue #15). Unknown, not yet published and rate-limited codes get the same 404 answer.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/app.js';
import { ErrorResponse } from '../auth/schemas.js';
import { verifyCode } from './verify-code.js';

const Row = z.object({ label: z.string(), note: z.string(), coeff: z.string(), points: z.string(), leaf: z.boolean() });
const Summary = z.object({ label: z.string(), total: z.string(), points: z.string(), moyenne: z.string() });

export const VerificationDto = z.object({
  code: z.string().describe('le code, tel qu’imprimé (XXXX-XXXX-XXXX-XXXX)'),
  statut: z.enum(['courant', 'remplace', 'perime']).describe('courant : version en vigueur ; remplace / perime : document qui n’est plus valable'),
  message: z.string(),
  emisLe: z.string().describe('date d’édition du document (heure de Paris)'),
  remplaceLe: z.string().nullable(),
  document: z.object({
    document: z.string(), session: z.string(), nom: z.string(), nomUsage: z.string(), prenoms: z.string(), specialite: z.string(),
    units: z.array(Row), summary1: z.array(Summary), decision1: z.string(), controle: z.array(Row), summary2: Summary.nullable(), decision2: z.string().nullable(),
  }),
});

const CodeParams = z.object({ code: z.string().max(64) });

export function verificationRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/verifier/:code', {
    config: { public: true },
    schema: {
      tags: ['verification'],
      summary: "Vérifier un relevé de notes ou un PVI par son code (public, sans connexion) : ce que montre le document et s'il est en vigueur",
      params: CodeParams,
      response: { 200: VerificationDto, 400: ErrorResponse, 404: ErrorResponse },
    },
  }, async (req, reply) => {
    void reply.header('Cache-Control', 'no-store');
    return verifyCode(deps.handle.db, req.params.code, req.ip, deps.now());
  });
}
