/** GET /healthz: is the process up and the database answering. For load balancers and monitors. */
import type { FastifyPluginAsync } from 'fastify';
import { ping } from './queries.ts';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  const database = app.database;
  app.get('/healthz', { config: { public: true } }, async (_req, reply) => {
    try {
      await ping(database.db);
      return reply.send({ status: 'ok', database: database.kind });
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: database.kind });
    }
  });
};
