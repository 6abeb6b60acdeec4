// The embedded Postgres: PGlite on a data dir, served over the Postgres wire
// protocol on loopback so every process talks to it through `pg`, exactly as
// it would to a real server. Run as a detached child by embedded-postgres.ts.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [dir, portArg] = process.argv.slice(2);
const port = Number(portArg);
if (!dir || !Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: pglite-server-main <data dir> <port>\n');
  process.exit(2);
}

const db = await PGlite.create(dir);
// The multiplexer keeps a transaction's statements together, so pooled clients are safe.
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 64 });
await server.start();
process.stdout.write(`pglite serving ${dir} on 127.0.0.1:${port}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
