/**
 * Refuses request input that PostgreSQL text cannot hold. A zero byte in any
 * string makes the driver fail mid-transaction, which would surface as a 500
 * on whichever route stores it first; one check at the edge answers every
 * route the same way (a clear 400) before any handler starts writing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';

/** Does this value (strings, arrays and plain objects, keys included) contain a NUL character? */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  // Parsed bodies are shallow (forms) or bounded by the body limit (JSON); the
  // depth cap only keeps a pathological document from walking forever.
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

function refuseNul(req: FastifyRequest): Promise<void> {
  if (containsNul(req.params) || containsNul(req.query) || containsNul(req.body)) {
    return Promise.reject(HttpError.localized(400, 'nul'));
  }
  return Promise.resolve();
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', refuseNul);
}
