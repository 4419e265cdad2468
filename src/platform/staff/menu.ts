/**
 * The staff menu: the links features contribute through their manifests,
 * shown to an actor only where the actor's role holds the link's action —
 * nobody is shown a door they may not open.
 */
import { can, type ActionDefinition } from '../auth/policy.ts';
import type { Actor } from '../auth/types.ts';

export type StaffLink = {
  action: ActionDefinition<never>;
  /** Path below the language prefix, e.g. '/staff/audit'. */
  path: `/staff${string}`;
  /** Message key with its namespace, e.g. 'auditLog:staffLink'. */
  label: `${string}:${string}`;
  /** Position in the menu; lower first. */
  order: number;
};

/** All links in display order; refuses two links to the same path. */
export function staffMenu(links: Iterable<StaffLink>): readonly StaffLink[] {
  const list = [...links].sort((a, b) => a.order - b.order || a.path.localeCompare(b.path));
  const seen = new Set<string>();
  for (const l of list) {
    if (seen.has(l.path)) throw new Error(`Two staff menu links point to ${l.path}.`);
    seen.add(l.path);
  }
  return Object.freeze(list);
}

export function visibleLinks(links: readonly StaffLink[], actor: Pick<Actor, 'role' | 'centreId'>): StaffLink[] {
  return links.filter((l) => can(actor, l.action));
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every feature's staff links (app.ts builds it from the manifests). */
    staffMenu: readonly StaffLink[];
  }
}
