/**
 * `npx tsx scripts/pg-cluster.ts [--workers N]`: starts a local coordinator + N PostgreSQL 15 workers on
 * loopback ports, prints the `postgres:` block of sentinel.config.yaml that reaches them, and tears the
 * whole cluster down on Ctrl-C (or SIGTERM).
 */
import { startLocalCluster } from './pgCluster.js';

const at = process.argv.indexOf('--workers');
const workers = at > 0 ? Number(process.argv[at + 1]) : 2;
const cluster = await startLocalCluster({ workers });
const server = (s: { host: string; port: number }) => `{ host: ${s.host}, port: ${s.port} }`;
process.stdout.write(
  [
    `# PostgreSQL cluster in ${cluster.dir}; Ctrl-C stops it and deletes it.`,
    `postgres:`,
    `  user: ${cluster.user}`,
    `  database: postgres`,
    `  coordinator: ${server(cluster.coordinator)}`,
    `  workers:`,
    ...cluster.workers.map((w) => `    - ${server(w)}`),
    '',
  ].join('\n'),
);
const stop = () => {
  cluster.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
