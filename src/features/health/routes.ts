/** GET /healthz: is the process up and the database answering. For load balancers and monitors. */
import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../platform/db/index.ts';

export const healthRoutes: FastifyPluginAsync<{ database: Database }> = async (app, { database }) => {
  app.get('/healthz', { config: { public: true } }, async (_req, reply) => {
    try {
      await sql`SELECT 1`.execute(database.db);
      return reply.send({ status: 'ok', database: database.kind });
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: database.kind });
    }
  });
};
