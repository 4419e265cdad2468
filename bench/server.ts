/**
 * The server under test, run as a child process so the load generator does
 * not share its event loop. Starts exactly like `npm start` (configuration
 * from the environment, migrations, demo content if asked) and adds one bare
 * route, `GET /__bench/bare`, to the same instance: same plugins and hooks
 * (security headers, compression, logging), so the only difference between
 * the two measured routes is the work a search does.
 *
 * Tells the parent its port over the IPC channel; stops on SIGTERM.
 */
import { buildApp } from '../src/app.ts';
import { seedDemoIfWanted } from '../src/features/demo/seed.ts';
import { loadConfig } from '../src/platform/config/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const config = loadConfig();
const database = await openDatabase(config.database);
await migrate(database.db);
await seedDemoIfWanted(database, config.demoContent);
const app = await buildApp({ config, database });
app.get('/__bench/bare', { config: { public: true } }, async (_req, reply) =>
  reply.type('text/plain; charset=utf-8').send('ok'),
);
await app.listen({ host: '127.0.0.1', port: config.port });

const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const snap = await app.directory.get();
process.send?.({ ready: true, port, entries: snap.entries.length });

process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
