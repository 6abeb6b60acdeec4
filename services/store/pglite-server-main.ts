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
keepExchangesTogether(db);
// The multiplexer keeps a transaction's statements together, so pooled clients are safe.
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 64 });
await server.start();
process.stdout.write(`pglite serving ${dir} on 127.0.0.1:${port}\n`);

/**
 * The socket server's multiplexer runs one protocol message at a time and
 * keeps a connection's messages together only inside a transaction. A
 * parameterised query outside one is several messages (Parse, Bind,
 * Describe, Execute, Sync): another connection's could run in between and
 * take over the unnamed statement ("unnamed prepared statement does not
 * exist", or worse, wrong rows). Reporting "in a transaction" until the
 * exchange ends with Sync (or a simple Query) keeps each exchange whole.
 */
function keepExchangesTogether(pglite: PGlite): void {
  const sync = 0x53;
  const query = 0x51;
  const startup = 0x00;
  let midExchange = false;
  const inTransaction = pglite.isInTransaction.bind(pglite);
  const exec = pglite.execProtocolRawStream.bind(pglite);
  pglite.isInTransaction = () => midExchange || inTransaction();
  pglite.execProtocolRawStream = async (message, options) => {
    const type = message[0];
    try {
      return await exec(message, options);
    } finally {
      midExchange = !(type === sync || type === query || type === startup);
    }
  };
}

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
