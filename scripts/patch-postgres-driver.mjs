/**
 * Mends a crash in the PostgreSQL driver (postgres 3.4.9, the newest release), run after every
 * `npm install` / `npm ci`.
 *
 * The driver batches small writes behind `setImmediate`. When the database drops a connection
 * (server killed, restarted, a backend terminated), `closed()` sets the socket to null, and a
 * write still queued, or one the driver issues itself afterwards (the ROLLBACK of a transaction
 * whose query failed), calls `socket.write` on null from a timer: an uncaught TypeError that
 * takes the whole app process down. Teardown also cancels the queued write without forgetting
 * it, so the connection's next write after a reconnect was never scheduled.
 *
 * The mend: a write with no socket rejects the queries sent on the lost connection with
 * CONNECTION_CLOSED (an ordinary, catchable error; a query already waiting for the reconnect is
 * left to it), and teardown forgets the queued write. A connection closed by the server also
 * forgets the server's last error message ("terminating connection due to administrator
 * command"), which the driver otherwise handed to the first query on the new connection.
 * `tests/ops/driver-connection-loss.test.ts` reproduces all three.
 *
 * If the driver's version changes, this script stops the install: check whether the new release
 * fixes `nextWrite`, then update or remove this script.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PATCHED_VERSION = '3.4.9';
const MARK = '/* rung: guarded against a closed socket (v4) */';

const root = fileURLToPath(new URL('../node_modules/postgres/', import.meta.url));
// `npm install --omit` of everything, or an install that failed before the driver: nothing to mend.
if (!existsSync(join(root, 'package.json'))) process.exit(0);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (version !== PATCHED_VERSION) {
  console.error(
    `scripts/patch-postgres-driver.mjs mends postgres ${PATCHED_VERSION}, but ${version} is installed. ` +
      'Check whether this release still writes to a null socket in nextWrite(), then update or remove the script.',
  );
  process.exit(1);
}

/** Each edit: the driver's text, what replaces it, and how many times the text must be there. */
const edits = [
  {
    from: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    to:
      `  function nextWrite(fn) {\n    ${MARK}\n` +
      '    if (!socket) {\n' +
      '      chunk = nextWriteTimer = null\n' +
      "      const closedError = Errors.connection('CONNECTION_CLOSED', options)\n" +
      '      query && queryError(query, closedError)\n' +
      '      while (sent.length) queryError(sent.shift(), closedError)\n' +
      '      query = null\n' +
      '      return false\n' +
      '    }\n' +
      '    const x = socket.write(chunk, fn)',
    count: 1,
  },
  {
    from: '    clearImmediate(nextWriteTimer)\n',
    to: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n',
    count: 2,
  },
  {
    from: '  async function closed(hadError) {\n',
    to: '  async function closed(hadError) {\n    errorResponse = null\n',
    count: 1,
  },
];

for (const build of ['src', 'cjs/src', 'cf/src']) {
  const file = join(root, build, 'connection.js');
  const source = readFileSync(file, 'utf8');
  if (source.includes(MARK)) continue;
  let patched = source;
  for (const { from, to, count } of edits) {
    const found = patched.split(from).length - 1;
    if (found !== count) {
      console.error(`scripts/patch-postgres-driver.mjs: expected ${count} × ${JSON.stringify(from)} in ${file}, found ${found}.`);
      process.exit(1);
    }
    patched = patched.split(from).join(to);
  }
  writeFileSync(file, patched);
}
