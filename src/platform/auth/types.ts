/**
 * Who is asking. Set on the request by the session middleware
 * (src/platform/auth/session-hook.ts) from the server-side session only —
 * never from anything the client sends besides the session cookie.
 */
import type { Role } from '../db/schema.ts';
import type { Scope } from '../db/tenant.ts';

export type { Role };

export type Actor = {
  userId: string;
  role: Role;
  /** The user's centre (tenant) for centre leads and counsellors; null for network roles. */
  centreId: string | null;
  /** SHA-256 of the session token (the session's database key). */
  sessionHash: string;
  /** When the user last proved their identity again (password + second factor), for sensitive actions. */
  reauthAt: Date | null;
};

/**
 * The row-level-security scope an actor's requests run in: each network role
 * its own (the database tells administrators and the coordination office
 * apart, ADR 021), centre roles their centre's.
 */
export function scopeOf(actor: Pick<Actor, 'role' | 'centreId'>): Scope {
  if (actor.role === 'admin') return { kind: 'admin' };
  if (actor.role === 'coordination') return { kind: 'coordination' };
  if (!actor.centreId) throw new Error('centre role without centre');
  return { kind: 'centre', centreId: actor.centreId };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user with a complete (two-factor) session, if any. */
    actor: Actor | null;
  }
}
