/**
 * The source sync alone (issue 16): one warehouse table of a bench world copied into a fresh local
 * PostgreSQL cluster (a coordinator and two workers) the way `sentinel build --engine postgres` copies it,
 * timed, with the process's peak RSS and the load average, so the sync's rows/s can be compared before
 * and after a change on the same table.
 *
 *   npx tsx bench/pgSync.ts --data-dir bench/out/runs/models-city-s20251231 [--table raw.utilities]
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../lib/config/load.js';
import { paths } from '../lib/dataDir.js';
import { Database, literal } from '../lib/db.js';
import { installMacros } from '../lib/sql/macros.js';
import { connect } from '../pipelines/build/engines/postgres/connection.js';
import { ensureWorkerServers } from '../pipelines/build/engines/postgres/layout.js';
import { META_DDL, syncSourceToPostgres } from '../pipelines/build/engines/postgres/sync.js';
import { WAREHOUSE } from '../pipelines/build/materialize.js';
import { configForCluster, startLocalCluster } from '../scripts/pgCluster.js';

export interface SyncFigure {
  table: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  load: string;
}

export async function benchSync(dataDir: string, qualified: string): Promise<SyncFigure> {
  const [schema, table] = qualified.split('.') as [string, string];
  const cluster = await startLocalCluster({ workers: 2 });
  const database = await Database.open(':memory:');
  try {
    const config = configForCluster(loadConfig(), cluster);
    const s = config.postgres;
    const coord = await connect(s, s.coordinator, 'coordinator');
    try {
      await coord.query(META_DDL);
      await ensureWorkerServers(coord, s);
      const db = await database.connect();
      await installMacros(db, config);
      await db.run(`attach ${literal(paths.warehouse(dataDir))} as ${WAREHOUSE} (read_only)`);
      const started = performance.now();
      const r = await syncSourceToPostgres(
        db,
        coord,
        s,
        { schema, table },
        {
          unitErrorThresholdYuan: config.ingest.unit_error_threshold_wan * 10000,
          buildId: 'bench',
          warehouseId: 'bench',
        },
      );
      const seconds = (performance.now() - started) / 1000;
      db.close();
      return {
        table: qualified,
        rows: r.loaded,
        seconds,
        rowsPerSecond: r.loaded / seconds,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        load: loadavg()
          .map((x) => x.toFixed(2))
          .join(' '),
      };
    } finally {
      await coord.end();
    }
  } finally {
    database.close();
    cluster.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const dataDir = arg('--data-dir');
  if (!dataDir) throw new Error('--data-dir DIR (a bench world with a warehouse.duckdb) is required');
  process.stderr.write(
    `load average before: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  const figure = await benchSync(dataDir, arg('--table') ?? 'raw.utilities');
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}
