/**
 * What the user pages accept: strict schemas (an unknown field is a 400,
 * never silently ignored or assigned) and the account id from the path.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { CENTRE_ROLES } from './accounts.ts';

const idParams = z.object({ id: z.uuid() }).loose();

/**
 * The account id from the path. Anything that is not a UUID is as unknown
 * as a missing account: 404, not 400 or 500 (PostgreSQL would refuse to
 * compare it with a uuid column).
 */
export function accountIdOf(req: FastifyRequest): string {
  const r = idParams.safeParse(req.params);
  if (!r.success) throw new HttpError(404, 'Not found');
  return r.data.id.toLowerCase();
}

/** After a change the page says what happened. */
const DONE = ['disabled', 'role'] as const;
export type Done = (typeof DONE)[number];

export const pageQuery = z.strictObject({ done: z.enum(DONE).optional() });

/** `confirm` is the checkbox "I understand…": left out, the page comes back with the question. */
export const disableBody = z.strictObject({ ...csrfField, confirm: z.literal('yes').optional() });

export const roleBody = z.strictObject({ ...csrfField, role: z.enum(CENTRE_ROLES) });
