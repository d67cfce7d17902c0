// Input hygiene before validation: a NUL character has no business in any field of this application,
// and PostgreSQL refuses it in text ("invalid byte sequence for encoding UTF8: 0x00"), which would turn
// a malformed request into a 500. Refused as a 400 everywhere: URL (path and query) and JSON body.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';

export const NUL_REFUSED = 'Requête invalide : le caractère nul (U+0000) est interdit.';

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (req.url.includes('\u0000') || /%00/.test(req.url)) throw new AppError('VALIDATION', NUL_REFUSED);
  });
  app.addHook('preValidation', async (req) => {
    if (hasNul(req.body)) throw new AppError('VALIDATION', NUL_REFUSED);
  });
}
