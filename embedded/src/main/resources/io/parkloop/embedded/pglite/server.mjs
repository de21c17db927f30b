// PGlite with TimescaleDB (TSL) on 127.0.0.1:<port>, in memory. The socket server serves one
// client connection at a time (a second waits until the first closes), which is why the Java
// side hands every caller the same session (PgliteTimescaleDb).
import { PGlite } from '@electric-sql/pglite';
import { timescaledb } from '@electric-sql/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error(`usage: node server.mjs <port>, not "${process.argv[2] ?? ''}"`);
  process.exit(2);
}
const db = await PGlite.create('memory://', { extensions: { timescaledb } });
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
await server.start();
// the Java side waits for this line
console.log(`parkloop-pglite listening on 127.0.0.1:${port}`);
const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
