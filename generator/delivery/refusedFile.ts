/**
 * One delivery the product must refuse (issue 17): a department's new system names the subject's USCC
 * column 当事人代码, which neither sources.md nor the shipped mapping knows. Loading it would leave every
 * USCC empty, so the ingest refuses the file and it stays in the inbox until the office maps the header.
 * Its penalties exist only in this file, so the answer key, computed without them, stays right only
 * while the file is refused; the key lists it under planted_cases.refused_files.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import { addDays } from '../../lib/dates.js';
import { isValidUscc } from '../../lib/validate/uscc.js';
import type { Rng } from '../prng.js';
import type { World } from '../world/types.js';
import { mtimeOf, nextFileSeq, type DeliveryLog } from './deliver.js';
import { openWriter, setMtime } from './writers.js';

export interface RefusedFile {
  source: string;
  file: string;
  /** The unknown header, and the field of sources.md it means. */
  header: string;
  field: string;
  rows: number;
}

const AUTHORITY = '厦门市海沧区教育局';
const HEADER = '当事人代码';
const HEADERS = [
  '行政相对人名称',
  '行政相对人类别',
  HEADER,
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（万元）',
  '处罚决定日期',
  '处罚有效期',
  '处罚机关',
  '数据来源单位',
  '上报日期',
];

export async function deliverRefusedFile(out: string, world: World, rng: Rng, log: DeliveryLog): Promise<RefusedFile> {
  const dir = paths.sourceInbox(out, 'penalties');
  mkdirSync(dir, { recursive: true });
  const file = `${world.asOf.replaceAll('-', '')}_教育局新系统_行政处罚.csv`;
  const path = join(dir, file);
  const writer = openWriter(path, HEADERS, { kind: 'csv', encoding: 'utf8' }, mtimeOf(world.asOf, 0));
  const organisations = world.entities.filter((e) => e.kind === '企业' && isValidUscc(e.uscc));
  const rows = 6;
  for (let i = 0; i < rows; i++) {
    const e = rng.pick(organisations);
    const decided = addDays(world.asOf, -rng.int(10, 60));
    writer.add([
      e.name,
      '法人及非法人组织',
      e.uscc,
      `厦海教罚〔${decided.slice(0, 4)}〕${900 + i}号`,
      '违规举办校外培训',
      '当事人违规举办校外培训',
      '《中华人民共和国行政处罚法》',
      '罚款',
      '罚款',
      0.5,
      decided,
      '2099-12-31',
      AUTHORITY,
      AUTHORITY,
      addDays(decided, 3),
    ]);
  }
  await writer.close();
  setMtime(path, mtimeOf(world.asOf, nextFileSeq() % 3600));
  log.files.push(`penalties/${file}`);
  return { source: 'penalties', file, header: HEADER, field: '统一社会信用代码', rows };
}
