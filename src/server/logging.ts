// Access log: method, route pattern, status and timing only. No URL, query string, body or header
// (grades, decisions and names must never reach a log line).
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';

function line(request: FastifyRequest, reply: FastifyReply) {
  return {
    method: request.method,
    route: request.routeOptions.url ?? '(hors route)',
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime),
  };
}

export class AccessLogController extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  /** errors are logged by our error handler (5xx only, without request data) */
  override defaultErrorLog(): void {}
  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    request.log.info(line(request, reply), 'requête');
  }
}

export function loggerOptions(enabled: boolean, stream?: NodeJS.WritableStream): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  if (!enabled) return { logger: false, logController: new AccessLogController() };
  return {
    logger: {
      level: process.env.LOG_LEVEL ?? 'info',
      ...(stream ? { stream } : {}),
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    },
    logController: new AccessLogController(),
  };
}
