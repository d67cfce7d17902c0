// Typed application errors, in their own room below every one that throws them (db, features, jobs,
// documents, cli, server). Use cases throw them; the HTTP edge (src/server/error-handler.ts)
// translates each code once, by HTTP_STATUS here, into a status and a French message. Nothing else
// decides HTTP statuses.

export type AppErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF_INVALID'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GUARD_REFUSED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export const HTTP_STATUS: Readonly<Record<AppErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  GUARD_REFUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export const DEFAULT_MESSAGES: Readonly<Record<AppErrorCode, string>> = {
  VALIDATION: 'Requête invalide.',
  UNAUTHENTICATED: 'Vous devez vous connecter.',
  FORBIDDEN: "Vous n'avez pas le droit d'effectuer cette action.",
  CSRF_INVALID: 'Jeton CSRF invalide.',
  NOT_FOUND: 'Ressource introuvable.',
  CONFLICT: 'La ressource a été modifiée entre-temps. Rechargez la page.',
  PAYLOAD_TOO_LARGE: 'La requête est trop volumineuse.',
  UNSUPPORTED_MEDIA_TYPE: "Type de contenu non accepté.",
  GUARD_REFUSED: "L'action n'est pas possible dans l'état actuel.",
  RATE_LIMITED: 'Trop de tentatives. Réessayez plus tard.',
  INTERNAL: 'Erreur interne du serveur. Réessayez plus tard ou contactez le support.',
};

/** One offending item of a refusal (e.g. a candidate with a missing grade). */
export interface ErrorItem {
  readonly message: string;
  readonly subject?: string;
  readonly file?: string;
  readonly line?: number;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: readonly ErrorItem[] | undefined;

  constructor(code: AppErrorCode, message?: string, details?: readonly ErrorItem[]) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
