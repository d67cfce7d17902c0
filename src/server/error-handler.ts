// The edge: every error becomes { code, message, details? } with an HTTP status and a French message.
// Never a stack trace to the client; unexpected errors are logged (type and message, no request data).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, DEFAULT_MESSAGES, HTTP_STATUS, type AppErrorCode } from '../errors/app-error.js';
import { validationIssuesOf } from './validation.js';

const BY_FASTIFY_CODE: Readonly<Record<string, { code: AppErrorCode; message?: string }>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION', message: 'Longueur de contenu invalide.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION', message: 'Le corps de la requête (JSON) est vide.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION', message: 'Le corps de la requête n’est pas un JSON valide.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'Fichier trop volumineux (50 Mo au maximum).' },
  FST_FILES_LIMIT: { code: 'VALIDATION', message: 'Un seul fichier est attendu.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Envoyez le fichier en multipart/form-data.' },
};

function byStatus(status: number): AppErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  return status >= 400 && status < 500 ? 'VALIDATION' : 'INTERNAL';
}

export interface ErrorBody {
  code: AppErrorCode;
  message: string;
  details?: { message: string; subject?: string; file?: string; line?: number }[];
}

export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const body: ErrorBody = { code: err.code, message: err.message };
    if (err.details) body.details = err.details.map((i) => ({ ...i }));
    return { status: err.status, body };
  }
  const issues = validationIssuesOf(err);
  if (issues) {
    const message = (err as Error).message;
    return { status: 400, body: { code: 'VALIDATION', message, details: issues.map((i) => ({ subject: i.path, message: i.message })) } };
  }
  const fe = err as Partial<FastifyError>;
  const known = fe.code ? BY_FASTIFY_CODE[fe.code] : undefined;
  if (known) return { status: HTTP_STATUS[known.code], body: { code: known.code, message: known.message ?? DEFAULT_MESSAGES[known.code] } };
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
  const code = byStatus(status);
  return { status: code === 'INTERNAL' ? 500 : status, body: { code, message: DEFAULT_MESSAGES[code] } };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) {
      const e = err instanceof Error ? err : new Error(String(err));
      req.log.error({ route: req.routeOptions.url, errType: e.name, errMessage: e.message, stack: e.stack }, 'erreur interne');
    }
    return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  });
}
