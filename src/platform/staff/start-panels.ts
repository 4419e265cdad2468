/**
 * Panels on the staff start page: a feature that has something waiting for
 * someone (new referrals, open proposals) says so where people land after
 * signing in, without the start page knowing the feature. Like the menu, a
 * panel shows only to roles holding its action; what it says is read in the
 * actor's own row-level-security scope, so a panel can never count another
 * centre's rows, and it carries counts and a link, never content.
 */
import { can, type ActionDefinition } from '../auth/policy.ts';
import type { Actor } from '../auth/types.ts';
import type { Tx } from '../db/tenant.ts';
import type { Locale } from '../i18n/locales.ts';

/** What one panel says now: a sentence in the reader's language and where to go about it. */
type StartPanelContent = {
  text: string;
  /** Path below the language prefix, e.g. '/staff/referrals'. */
  path?: `/staff${string}`;
  /** Something needs the reader's attention (shown emphasised); default false. */
  attention?: boolean;
};

export type StartPanel = {
  /** Only actors whose role holds this action see the panel (and only then is `load` called). */
  action: ActionDefinition<never>;
  /** Position on the page; lower first. */
  order: number;
  /** Reads what to say, in the actor's scope; null: nothing to say now. Counts, never anyone's data. */
  load(trx: Tx, who: { actor: Actor; locale: Locale; now: Date }): Promise<StartPanelContent | null>;
};

/** A rendered panel: the path already carries the language. */
export type ShownPanel = { text: string; href: string | null; attention: boolean };

/** All panels in display order (stable for equal orders). */
export function startPanels(panels: Iterable<StartPanel>): readonly StartPanel[] {
  return Object.freeze([...panels].sort((a, b) => a.order - b.order));
}

/** What the actor's panels say now, read in one transaction of the actor's scope. */
export async function loadStartPanels(
  panels: readonly StartPanel[],
  trx: Tx,
  who: { actor: Actor; locale: Locale; now: Date },
): Promise<ShownPanel[]> {
  const shown: ShownPanel[] = [];
  for (const p of panels) {
    if (!can(who.actor, p.action)) continue;
    const c = await p.load(trx, who);
    if (c)
      shown.push({ text: c.text, href: c.path ? `/${who.locale}${c.path}` : null, attention: c.attention ?? false });
  }
  return shown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every feature's start-page panels (app.ts builds it from the manifests). */
    staffStartPanels: readonly StartPanel[];
  }
}
