/**
 * One place that turns failures into responses. Client mistakes get a clear
 * 4xx with a message meant for people; anything unexpected is logged and
 * answered with a generic 500 that leaks no stack trace or SQL.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { translator, type Locale, type MessageKey } from '../i18n/index.ts';
import { wantsJson } from './route-kind.ts';
import { explainIssue, issueMeaning, type IssueMeaning } from './validation.ts';

/** A key of the `refusals` namespace. */
export type ErrorMessageKey = MessageKey<'refusals'>;

/** A field that failed validation, with what was wrong in a form any language can show. */
export type FieldIssue = { readonly field: string; readonly meaning: IssueMeaning | null; readonly message: string };

export class HttpError extends Error {
  /** A key of the `refusals` message namespace: the page shows it in the reader's language. */
  messageKey?: ErrorMessageKey;
  /** Failed validation: the page explains each field in the reader's language. */
  issues?: readonly FieldIssue[];

  constructor(
    public readonly statusCode: number,
    message: string,
    public readonly details?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /**
   * A refusal whose message people read in their own language. `message` is
   * the English text JSON clients get (API answers stay in one language).
   */
  static localized(statusCode: number, key: ErrorMessageKey): HttpError {
    const err = new HttpError(statusCode, translator('en', 'refusals')(key));
    err.messageKey = key;
    return err;
  }
}

/**
 * Validate with zod; on failure a 400 that names each bad field. JSON
 * clients get the schema's English messages; a page explains each field in
 * the reader's language (validation.ts).
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.infer<S> {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({
    field: i.path.join('.') || what,
    meaning: issueMeaning(i),
    message: i.message,
  }));
  const details = issues.map(({ field, message }) => ({ field, message }));
  const err = new HttpError(
    400,
    `Invalid ${what}: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`,
    details,
  );
  err.issues = issues;
  throw err;
}

/**
 * The message a page shows for a client error, in `locale`. A validation
 * problem is explained in the reader's language, followed by the schema's
 * own English words, which name the problem most precisely (and are what an
 * English page shows).
 */
function pageMessage(err: HttpError, locale: Locale): string {
  if (err.messageKey) return translator(locale, 'refusals')(err.messageKey);
  if (!err.issues || locale === 'en') return err.message;
  return err.issues
    .map((i) => {
      const explained = explainIssue(locale, i.meaning, i.message);
      return explained === i.message ? `${i.field}: ${i.message}` : `${i.field}: ${explained} (${i.message})`;
    })
    .join('; ');
}

export type ErrorPageRenderer = (req: FastifyRequest, locale: Locale, status: number, message?: string) => string;

function send(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  render: ErrorPageRenderer,
  details?: unknown,
) {
  if (wantsJson(req))
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send({ error: message, status, ...(details ? { details } : {}) });
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(render(req, req.locale, status, status < 500 ? message : undefined));
}

export function registerErrorHandling(app: FastifyInstance, render: ErrorPageRenderer): void {
  app.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const details = err instanceof HttpError ? err.details : undefined;
      const message = err instanceof HttpError && !wantsJson(req) ? pageMessage(err, req.locale) : err.message;
      return send(req, reply, status, message, render, details);
    }
    req.log.error({ err: { type: err.name, message: err.message, stack: err.stack } }, 'request failed');
    return send(req, reply, 500, 'Internal error', render);
  });
  app.setNotFoundHandler((req, reply) => send(req, reply, 404, 'Not found', render));
}
