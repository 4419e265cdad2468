/**
 * Work that runs after the response has been sent. The password-reset
 * request uses it so that the response time does not depend on whether the
 * address has an account (an SMTP round trip happens only when it has —
 * a timing oracle otherwise, ASVS 6.3.8). Tasks are tracked per app so tests
 * and shutdown can wait for them; failures are logged without details that
 * could identify anyone.
 */
import type { FastifyInstance } from 'fastify';

// Keyed by the app's HTTP server, which every encapsulated plugin context
// of one app shares (the context objects themselves differ).
const pending = new WeakMap<object, Set<Promise<void>>>();

function tasksOf(app: FastifyInstance): Set<Promise<void>> {
  let set = pending.get(app.server);
  if (!set) {
    set = new Set();
    pending.set(app.server, set);
  }
  return set;
}

/** Start `task` without awaiting it; `label` names it in the error log. */
export function runInBackground(app: FastifyInstance, label: string, task: () => Promise<void>): void {
  const set = tasksOf(app);
  const p: Promise<void> = Promise.resolve()
    .then(task)
    .catch((err: unknown) => {
      app.log.error({ task: label, errorType: err instanceof Error ? err.name : typeof err }, 'background task failed');
    })
    .finally(() => set.delete(p));
  set.add(p);
}

/** Resolve once every background task started so far (and any they start) has finished. */
export async function settleBackgroundTasks(app: FastifyInstance): Promise<void> {
  const set = tasksOf(app);
  while (set.size > 0) await Promise.all([...set]);
}

/** Make `app.close()` wait for background tasks (register once per app). */
export function awaitBackgroundTasksOnClose(app: FastifyInstance): void {
  app.addHook('onClose', async () => settleBackgroundTasks(app));
}
