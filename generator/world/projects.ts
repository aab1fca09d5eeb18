import type { Rng } from '../prng.js';
import { addDays } from '../../lib/dates.js';
import { dateIn } from './subjects.js';
import type { Entity, Project } from './types.js';

const ROLES = ['建设单位', '施工总承包', '专业分包', '劳务分包', '监理', '勘察设计', '投资方'] as const;
const KINDS = ['重点招商项目', '政府投资项目', '重点建设项目'] as const;
const WORDS = ['海沧湾', '马銮湾', '东孚', '新阳', '嵩屿', '海沧港区', '石塘'];
const WHAT = ['综合体', '安置房', '道路工程', '产业园', '学校', '医院', '污水处理厂', '物流中心'];

/**
 * Key projects and their parties, drawn mostly from construction, real-estate and business-service
 * firms; `candidates` are weighted towards entities with signals so every risk level occurs.
 */
export function buildProjects(
  rng: Rng,
  count: number,
  candidates: readonly Entity[],
  regions: readonly string[],
  start: string,
  asOf: string,
): Project[] {
  const out: Project[] = [];
  for (let i = 0; i < count; i++) {
    const begin = dateIn(rng, addDays(start, -365), asOf);
    const year = begin.slice(0, 4);
    const nParties = rng.int(3, 7);
    const parties: Project['parties'] = [];
    const used = new Set<number>();
    for (let j = 0; j < nParties; j++) {
      const e = rng.pick(candidates);
      if (used.has(e.idx)) continue;
      used.add(e.idx);
      parties.push({ entityIdx: e.idx, name: e.name, uscc: e.uscc, role: j === 0 ? '建设单位' : rng.pick(ROLES) });
    }
    out.push({
      id: `HC${year}${String(i + 1).padStart(4, '0')}`,
      name: `${rng.pick(WORDS)}${rng.pick(WHAT)}${i % 3 === 0 ? '（一期）' : ''}项目`,
      type: rng.pick(KINDS),
      region: rng.pick(regions),
      industryCode: rng.pick(['E4701', 'E48', 'K7010', 'N78', 'Q84']),
      investmentWan: Math.round(rng.int(2000, 300000)),
      start: begin,
      plannedEnd: addDays(begin, rng.int(365, 1500)),
      status: rng.weighted([
        ['前期', 1],
        ['在建', 5],
        ['竣工', 2],
        ['停工', 0.3],
      ] as const),
      department: rng.pick(['厦门市海沧区发展和改革局', '厦门市海沧区建设与交通局', '厦门市海沧区商务局']),
      parties,
    });
  }
  return out;
}
