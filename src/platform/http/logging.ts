/**
 * Request logging without personal data. Fastify's default request log line
 * carries the full URL (with the searched postcode) and the client address;
 * together they would say who looked for help where. We log the route
 * pattern, method, status and timing only — never query strings, never IPs.
 */
import type { FastifyRequest, FastifyReply } from 'fastify';
import type { LoggerOptions } from 'pino';

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        route: req.routeOptions?.url ?? 'unmatched',
      }),
      res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
    },
    // Last line of defence for anything a handler logs by mistake.
    redact: {
      paths: ['req.url', 'req.query', 'req.headers', 'req.remoteAddress', 'req.ip', 'query', 'ip', 'url', 'headers'],
      censor: '[redacted]',
    },
  };
}
