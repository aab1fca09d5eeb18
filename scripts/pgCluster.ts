/**
 * A local PostgreSQL 15 cluster for development, the tests and the benchmark: one coordinator and N
 * workers, each its own server process (initdb + pg_ctl) on a loopback port, data directories under one
 * temporary folder, torn down by stop(). initdb refuses root, so when run as root the servers run as the
 * unprivileged `postgres` system user (Debian's postgresql packages create it).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../lib/config/schema.js';

export const PG_BIN = process.env.SENTINEL_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgServer {
  role: 'coordinator' | 'worker';
  name: string;
  host: string;
  port: number;
  dataDir: string;
}

export interface LocalCluster {
  dir: string;
  user: string;
  coordinator: PgServer;
  workers: PgServer[];
  /** Stops one server (to test a shard failing); start() brings it back. */
  stopServer: (s: PgServer) => void;
  startServer: (s: PgServer) => void;
  /** Stops every server and deletes the data directories. */
  stop: () => void;
}

/** `config` with its postgres block pointed at the cluster's servers and user (tests, the benchmark). */
export function configForCluster(
  config: Config,
  cluster: LocalCluster,
  extra: Partial<Config['postgres']> = {},
): Config {
  const at = (s: PgServer) => ({ host: s.host, port: s.port });
  return {
    ...config,
    postgres: {
      ...config.postgres,
      coordinator: at(cluster.coordinator),
      workers: cluster.workers.map(at),
      user: cluster.user,
      ...extra,
    },
  };
}

/** A free loopback port, asked of the kernel. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The uid/gid the servers run as: ourselves, or `postgres` when we are root. */
function serverAccount(): { uid: number; gid: number; name: string } {
  const me = userInfo();
  if (me.uid !== 0) return { uid: me.uid, gid: me.gid, name: me.username };
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid, name: 'postgres' };
}

export async function startLocalCluster(opts: { workers?: number } = {}): Promise<LocalCluster> {
  if (!existsSync(join(PG_BIN, 'initdb')))
    throw new Error(
      `no PostgreSQL 15 in ${PG_BIN}: apt-get install postgresql-15 (as .ci/run does), or set SENTINEL_PG_BIN`,
    );
  const account = serverAccount();
  // The servers' account must reach the folder: as root that is /tmp itself, not a private TMPDIR.
  const dir = mkdtempSync(join(process.getuid?.() === 0 ? '/tmp' : tmpdir(), 'sentinel-pg-'));
  chmodSync(dir, 0o755);
  chownSync(dir, account.uid, account.gid);
  const run = (bin: string, args: string[]) =>
    execFileSync(join(PG_BIN, bin), args, { uid: account.uid, gid: account.gid, stdio: 'pipe', cwd: dir });
  const servers: PgServer[] = [];
  const names = ['coordinator', ...Array.from({ length: opts.workers ?? 2 }, (_, i) => `worker${i + 1}`)];
  const startServer = (s: PgServer) =>
    run('pg_ctl', ['-D', s.dataDir, '-l', join(dir, `${s.name}.log`), '-w', '-t', '60', 'start']);
  const stopServer = (s: PgServer) => run('pg_ctl', ['-D', s.dataDir, '-m', 'fast', '-w', 'stop']);
  const stop = () => {
    process.removeListener('exit', stop);
    for (const s of servers) {
      try {
        stopServer(s);
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A process that ends without calling stop() (a failed set-up, an uncaught error) still stops its servers.
  process.once('exit', stop);
  try {
    for (const name of names) {
      const s: PgServer = {
        role: name === 'coordinator' ? 'coordinator' : 'worker',
        name,
        host: '127.0.0.1',
        port: await freePort(),
        dataDir: join(dir, name),
      };
      // UTF8 and the C collation: text sorts by code point, as DuckDB sorts it.
      run('initdb', ['-D', s.dataDir, '-U', account.name, '-E', 'UTF8', '--locale=C', '-A', 'trust', '--no-sync']);
      writeFileSync(
        join(s.dataDir, 'postgresql.auto.conf'),
        [
          `listen_addresses = '127.0.0.1'`,
          `port = ${s.port}`,
          `unix_socket_directories = ''`,
          `fsync = off`,
          `synchronous_commit = off`,
          `full_page_writes = off`,
          `max_connections = 50`,
          `shared_buffers = '128MB'`,
          `max_prepared_transactions = 10`,
          '',
        ].join('\n'),
      );
      servers.push(s);
      startServer(s);
    }
  } catch (e) {
    stop();
    throw e;
  }
  const [coordinator, ...workers] = servers as [PgServer, ...PgServer[]];
  return { dir, user: account.name, coordinator, workers, stopServer, startServer, stop };
}
