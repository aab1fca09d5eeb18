/**
 * A copy of the shared world with name-only penalties planted: two registered entities' names each
 * delivered once with 有限责任公司 for 有限公司 and no USCC — names no register record carries, so
 * rules.md §1 leaves them unresolved and 名称匹配复核 lists them with the entity as a suggestion.
 */
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { openPublished } from '../../lib/publish/reader.js';
import { build } from '../../pipelines/build/build.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { csvUtf8, deliver } from '../ingest/helpers.js';
import { copyOfSharedWorld, SHARED_WORLD } from '../sharedWorld/index.js';

export interface Planted {
  uscc: string;
  /** The register's name. */
  name: string;
  /** The name as planted, on a penalty without a USCC. */
  variant: string;
  docNo: string;
  authority: string;
}

export const MARKET = '厦门市海沧区市场监督管理局';
const FILE = '市场监管局_行政处罚_名称复核.csv';

const HEADERS = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '行政处罚决定书文号',
  '处罚类别',
  '罚款金额（万元）',
  '处罚决定日期',
  '处罚机关',
  '数据来源单位',
  '上报日期',
];

export async function publishedQuery<T>(dataDir: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const b = await openPublished(dataDir);
  try {
    return (await b.db.all(sql, params as never)) as T[];
  } finally {
    b.close();
  }
}

export async function buildWorld(dataDir: string): Promise<void> {
  const r = await build({ dataDir, asOf: SHARED_WORLD.asOf, config: loadConfig(), log: silentLog() });
  if (!r.published) throw new Error(`build ${r.buildId} not published: ${r.status}`);
}

/** Two active registered entities without penalties whose 有限责任公司 variant nobody carries. */
async function pickEntities(dataDir: string): Promise<Array<{ uscc: string; name: string }>> {
  return publishedQuery(
    dataDir,
    `select e.uscc, e.name from check_entities e
     where e.is_registered and e.registration_status in ('存续', '在业') and e.name like '%有限公司'
       and not exists (select 1 from entity_penalties p where p.uscc = e.uscc)
       and not exists (select 1 from check_names n
                       where n.name_norm = cs_norm(regexp_replace(e.name, '有限公司$', '有限责任公司')))
     order by e.uscc limit 2`,
  );
}

export async function plantedWorld(prefix: string): Promise<{ dataDir: string; planted: Planted[] }> {
  const dataDir = await copyOfSharedWorld(prefix);
  const entities = await pickEntities(dataDir);
  if (entities.length < 2) throw new Error('the shared world has no two entities to plant names of');
  const planted = entities.map((e, i) => ({
    ...e,
    variant: e.name.replace(/有限公司$/, '有限责任公司'),
    docNo: `厦海市监罚〔2025〕${9001 + i}号`,
    authority: MARKET,
  }));
  const rows = planted.map((p) => [
    p.variant,
    '法人及非法人组织',
    '',
    p.docNo,
    '罚款',
    0.5,
    '2025-10-09',
    MARKET,
    MARKET,
    '2025-10-10',
  ]);
  deliver(dataDir, 'penalties', FILE, csvUtf8(HEADERS, rows));
  const loaded = await ingest({ dataDir, config: loadConfig(), log: silentLog() });
  if (loaded.outcomes.some((f) => f.file === FILE && f.rowsLoaded !== rows.length))
    throw new Error(`planted rows quarantined: ${JSON.stringify(loaded.outcomes)}`);
  await buildWorld(dataDir);
  return { dataDir, planted };
}
