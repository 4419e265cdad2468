/**
 * Form and query schemas of the auth pages. Forms are strict: an unknown
 * field is a 400 (no mass assignment, ASVS 15.3.3), and every string has an
 * upper bound before it reaches argon2 or the database.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';

const next = z.string().max(512).optional();

export const signInForm = z
  .object({
    // Not validated as an address: a malformed one must get the same answer
    // as an unknown one (no enumeration), so it is just looked up.
    email: z.string().trim().toLowerCase().min(1).max(254),
    password: z.string().min(1).max(1024),
    next,
  })
  .strict();

const factor = {
  method: z.enum(['totp', 'recovery']),
  code: z.string().trim().min(1).max(64),
};

export const secondFactorForm = z.object({ ...csrfField, ...factor, next }).strict();

export const reauthForm = z.object({ ...csrfField, password: z.string().min(1).max(1024), ...factor, next }).strict();

export const csrfOnlyForm = z.object({ ...csrfField }).strict();

export const endSessionForm = z.object({ ...csrfField, session: z.string().regex(/^[0-9a-f]{32}$/) }).strict();

export const signInQuery = z.object({
  next,
  signed_out: z.literal('1').optional(),
  passkey_added: z.literal('1').optional(),
});
export const nextQuery = z.object({ next });
export const sessionsQuery = z.object({ ended: z.coerce.number().int().min(0).max(1000).optional() });
