// /api/accessibility — public: who runs this instance, for the accessibility statement's "Retour
// d'information et contact" (the service des examens of the imported session, printed on every document).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/app.js';
import { getExamSession } from '../../db/repositories/session.js';

export const AccessibilityContact = z.object({
  /** null before a session is imported */
  service: z.object({ libelle: z.string(), adresse: z.string(), mail: z.string(), telephone: z.string(), academie: z.string() }).nullable(),
});

export function accessibilityRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/accessibility', {
    config: { public: true },
    schema: { tags: ['accessibilité'], summary: "Contact du service qui exploite Délib (déclaration d'accessibilité)", response: { 200: AccessibilityContact } },
  }, async () => {
    const s = await getExamSession(deps.handle.db);
    return {
      service: s ? {
        libelle: s.service_examen_libelle, adresse: s.service_examen_adresse, mail: s.service_examen_mail,
        telephone: s.service_examen_telephone, academie: s.academie_libelle,
      } : null,
    };
  });
}
