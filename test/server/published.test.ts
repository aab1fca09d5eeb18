import { describe, it, expect, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { paths } from '../../lib/dataDir.js';
import { publishFixtureBuild, tempDataDir } from './fixtures.js';
import { bearer, startTestServer, userWithToken, type TestServer } from './harness.js';
import { csvUtf8, deliver, runIngest } from '../ingest/helpers.js';

const HOLD = fileURLToPath(new URL('./holdWarehouse.ts', import.meta.url));
let server: TestServer | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (child && child.exitCode === null) {
    child.stdin?.end();
    await once(child, 'exit');
  }
});

describe('serving the published build', () => {
  it('answers 503 on health and datasets before any build is published', async () => {
    const dataDir = tempDataDir();
    const token = await userWithToken(dataDir, 'ana', 'analyst');
    server = await startTestServer(dataDir);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    const res = await fetch(`${server.url}/api/v1/datasets/indicators`, bearer(token));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('sentinel build');
  });

  it('switches to a newly published build without a restart, dropping the old answers', async () => {
    const dataDir = tempDataDir();
    const token = await userWithToken(dataDir, 'ana', 'analyst');
    await publishFixtureBuild(dataDir, { buildId: 'b1', asOf: '2025-11-30' });
    server = await startTestServer(dataDir);
    const first = (await (await fetch(`${server.url}/api/v1/datasets/indicators`, bearer(token))).json()) as {
      build_id: string;
      rows: unknown[];
    };
    expect(first.build_id).toBe('b1');
    await publishFixtureBuild(dataDir, {
      buildId: 'b2',
      asOf: '2025-12-31',
      extraSql: `delete from indicators where indicator_id = 'publicity_compliance'`,
    });
    const second = (await (await fetch(`${server.url}/api/v1/datasets/indicators`, bearer(token))).json()) as {
      as_of: string;
      build_id: string;
      rows: unknown[];
    };
    expect(second).toMatchObject({ as_of: '2025-12-31', build_id: 'b2' });
    expect(second.rows).toHaveLength(1);
    expect(((await (await fetch(`${server.url}/healthz`)).json()) as { build_id: string }).build_id).toBe('b2');
  });

  it('answers quarantine with 503 and a clear message while another process writes the warehouse', async () => {
    const dataDir = tempDataDir();
    const token = await userWithToken(dataDir, 'ana', 'analyst');
    deliver(
      dataDir,
      'penalties',
      'p.csv',
      csvUtf8(['行政相对人名称', '行政处罚决定书文号', '处罚决定日期', '处罚机关'], [['王五', '罚1', null, '某局']]),
    );
    await runIngest(dataDir);
    server = await startTestServer(dataDir);
    expect((await fetch(`${server.url}/api/v1/datasets/quarantine`, bearer(token))).status).toBe(200);

    child = spawn(process.execPath, ['--import', 'tsx', HOLD, paths.warehouse(dataDir)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    await once(child.stdout!, 'data');
    const busy = await fetch(`${server.url}/api/v1/datasets/quarantine`, bearer(token));
    expect(busy.status, await busy.clone().text()).toBe(503);
    const body = (await busy.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('warehouse_busy');
    expect(body.error.message).toContain('retry');

    child.stdin!.end();
    await once(child, 'exit');
    expect((await fetch(`${server.url}/api/v1/datasets/quarantine`, bearer(token))).status).toBe(200);
  });
});
