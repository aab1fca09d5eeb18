/** Child process for tests: holds a DuckDB file open for writing, as an ingest does, until stdin closes. */
import { Database } from '../../lib/db.js';

const database = await Database.open(process.argv[2]!);
const db = await database.connect();
await db.run('create table if not exists held (x integer)');
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  db.close();
  database.close();
  process.exit(0);
});
