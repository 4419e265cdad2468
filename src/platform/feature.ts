/**
 * A feature's manifest: everything it brings to the app, in one exported
 * object. `src/app.ts` lists the features once and wires each part; nothing
 * registers itself by being imported.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ActionDefinition } from './auth/policy.ts';
import type { Audience, MessageNamespace } from './i18n/index.ts';
import type { JobDefinition } from './jobs/runner.ts';
import type { StaffLink } from './staff/menu.ts';
import type { StartPanel } from './staff/start-panels.ts';

export type Feature = {
  /** Folder name under src/features/. */
  readonly name: string;
  /** The routes, registered after the kernel's hooks (every route must be public or name an action). */
  readonly routes?: FastifyPluginAsync;
  /**
   * Message namespaces this feature owns: name, audience (public: complete
   * in every language; staff: may fall back to German) and the folder of
   * its files. Read at start-up (src/platform/i18n/catalogues.ts).
   */
  readonly messages?: readonly MessageNamespace[];
  /** Entries of the staff menu; each is shown only to actors whose role holds its action. */
  readonly staffLinks?: readonly StaffLink[];
  /** Panels on the staff start page (what waits for the reader); each shown only to actors whose role holds its action. */
  readonly startPanels?: readonly StartPanel[];
  /** The rights this feature's routes and object checks use (collected into the policy registry). */
  readonly actions?: readonly ActionDefinition<never>[];
  /** What must happen later or regularly (purges, reminders); one runner per instance runs each due job once. */
  readonly jobs?: readonly JobDefinition[];
};

/** One routes plugin for a feature with several route modules: registers them in order. */
export function routesOf(...plugins: FastifyPluginAsync[]): FastifyPluginAsync {
  return async (app) => {
    for (const plugin of plugins) await app.register(plugin);
  };
}

/**
 * The feature's message namespaces with their audiences, all in the
 * `messages/` folder beside the manifest (`moduleUrl`: its import.meta.url).
 */
export function messagesBeside(moduleUrl: string, namespaces: Record<string, Audience>): MessageNamespace[] {
  const dir = new URL('./messages/', moduleUrl);
  return Object.entries(namespaces).map(([name, audience]) => ({ name, audience, dir }));
}
