/** Small request helpers shared by this feature's routes. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/types.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { isLocale, type Locale } from '../../platform/i18n/index.ts';

const langParam = z.object({ lang: z.string() }).loose();

/** The `:lang` of the route; an unknown language is a 404 like any unknown page. */
export function localeOf(req: FastifyRequest): Locale {
  const { lang } = langParam.parse(req.params);
  if (!isLocale(lang)) throw new HttpError(404, 'Not found');
  return lang;
}

/**
 * The signed-in actor. The authorisation hook has already refused requests
 * without one on every route that names an action; this only narrows the type.
 */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new HttpError(404, 'Not found');
  return req.actor;
}

/** A field-level problem shown next to its input. */
export type FieldErrors = Partial<Record<string, string>>;

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((e) => e !== undefined);
}

/** E-mail addresses as stored: trimmed, lower case (app_user.email requires it). */
export const emailSchema = z.string().trim().toLowerCase().min(3).max(254).pipe(z.email());

/** Bound on what a password field may carry before the policy check even looks (argon2 refuses more anyway). */
export const PASSWORD_FIELD_MAX = 1024;
