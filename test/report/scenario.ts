/**
 * A small county for the report tests, run through the real ingest, build and report: two monthly
 * reports (2025-06 from a build as of 2025-06-30, 2025-07 from one as of 2025-07-31) over a delivered
 * history report, with an entity planted for each routing and listing case.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { issueScreeningReport, type IssueResult } from '../../pipelines/report/issue.js';
import { World, authority, company, penalty, uscc, type Rec } from '../models/world.js';

export const co = (n: number) => ({ uscc: uscc(n), name: `厦门筛查${n}号有限公司` });
export const CITY_MARKET = '厦门市市场监督管理局';
export const A = co(1); // repeat in market; its latest event by the city bureau; a later event makes it persistent
export const B = co(2); // cross-domain: market, tax, environment
export const C = co(3); // repeat in tax, listed in the delivered history: persistent in June
export const D = co(4); // listed in the delivered history, no events: no longer listed in June
export const E = co(5); // repeat in environment in June; its first event leaves the window by July

export const laterEventOfA = penalty(A, '2025-07-15');

export function deliverCounty(world: World): World {
  const register: Rec[] = [1, 2, 3, 4, 5].map((n) => company(n, co(n).name));
  return world
    .deliver('enterprises', register)
    .deliver('penalties', [
      penalty(A, '2025-01-10'),
      penalty(A, '2025-03-01'),
      penalty(A, '2025-05-20', { 处罚机关: CITY_MARKET, 数据来源单位: CITY_MARKET }),
      penalty(B, '2025-02-01', { domain: 'market' }),
      penalty(B, '2025-03-01', { domain: 'tax' }),
      penalty(B, '2025-04-01', { domain: 'environment' }),
      penalty(C, '2025-03-01', { domain: 'tax' }),
      penalty(C, '2025-04-01', { domain: 'tax' }),
      penalty(C, '2025-05-01', { domain: 'tax' }),
      penalty(E, '2024-07-05', { domain: 'environment' }),
      penalty(E, '2024-12-01', { domain: 'environment' }),
      penalty(E, '2025-06-01', { domain: 'environment' }),
    ])
    .deliver('screening_reports', [
      {
        通报文号: '海信通〔2025〕1号',
        通报日期: '2025-02-01',
        统一社会信用代码: C.uscc,
        主体名称: C.name,
        通报类型: '同一领域频繁违法',
        领域: 'tax',
      },
      {
        通报文号: '海信通〔2025〕1号',
        通报日期: '2025-02-01',
        统一社会信用代码: D.uscc,
        主体名称: D.name,
        通报类型: '同一领域频繁违法',
        领域: 'market',
      },
    ]);
}

export interface Scenario {
  world: World;
  june: IssueResult;
  july: IssueResult;
  outDir: string;
}

export async function runScenario(): Promise<Scenario> {
  const world = deliverCounty(new World());
  const config = loadConfig();
  const outDir = mkdtempSync(join(tmpdir(), 'report-out-'));
  await world.ingest();
  await world.build('2025-06-30');
  const june = await issueScreeningReport({
    dataDir: world.dir,
    config,
    period: '2025-06',
    outDir: join(outDir, '2025-06'),
    log: silentLog(),
    chromium: null,
    now: () => new Date('2025-07-05T01:00:00Z'),
  });
  world.deliver('penalties', [laterEventOfA]);
  await world.ingest();
  await world.build('2025-07-31');
  const july = await issueScreeningReport({
    dataDir: world.dir,
    config,
    period: '2025-07',
    outDir: join(outDir, '2025-07'),
    log: silentLog(),
    chromium: null,
    now: () => new Date('2025-08-05T01:00:00Z'),
  });
  return { world, june, july, outDir };
}

export { authority };
