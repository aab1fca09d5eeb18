import type { Rng } from '../prng.js';
import type { DirtRates } from '../dirt.js';
import { isValidUscc, normaliseCode } from '../../lib/validate/uscc.js';
import { messyUscc } from './formats.js';
import type { Feed, FileCtx, Rendered, RequiredField } from './deliver.js';
import type { Publicity } from './facts.js';
import type { Penalty, World } from '../world/types.js';
import type { Cell } from './writers.js';
import { nationalHeader, nationalHeaders, PROVINCE_PENALTY, type Spelling } from './templates.js';

/**
 * Header style of a penalty feed: Chinese names, current national codes, the ≈2016 codes, the 双公示
 * template (with either spelling of its identity headers), or the provincial platform's code schema.
 */
export type PenaltyStyle = 'zh' | 'cf' | 'cf_old' | 'national' | 'national_full' | 'province';

const spellingOf = (style: PenaltyStyle): Spelling | null =>
  style === 'national' ? 'half' : style === 'national_full' ? 'full' : null;

/** Delivered header of a sources.md header in a style that renames headers one for one. */
function renamed(style: PenaltyStyle, h: string): string {
  const spelling = spellingOf(style);
  if (spelling) return h === '统一社会信用代码' ? nationalHeader(h, spelling) : h;
  if (style === 'province') return PROVINCE_PENALTY[h] ?? h;
  return style === 'cf' ? (CF[h] ?? h) : h;
}

const ZH = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '法定代表人',
  '证件类型',
  '证件号码',
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（万元）',
  '没收违法所得、没收非法财物的金额（万元）',
  '暂扣或吊销证照名称及编号',
  '处罚决定日期',
  '处罚有效期',
  '公示截止期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
  '备注',
  '上报日期',
  '失信严重程度',
  '当前状态',
] as const;

const CF: Record<string, string> = {
  行政相对人名称: 'CF_XDR_MC',
  行政相对人类别: 'CF_XDR_LB',
  统一社会信用代码: 'CF_XDR_SHXYM',
  法定代表人: 'CF_FRDB',
  证件类型: 'CF_XDR_ZJLX',
  证件号码: 'CF_XDR_ZJHM',
  行政处罚决定书文号: 'CF_WSH',
  违法行为类型: 'CF_WFXW',
  违法事实: 'CF_SY',
  处罚依据: 'CF_YJ',
  处罚类别: 'CF_CFLB',
  处罚内容: 'CF_NR',
  '罚款金额（万元）': 'CF_NR_FK',
  '没收违法所得、没收非法财物的金额（万元）': 'CF_NR_WFFF',
  暂扣或吊销证照名称及编号: 'CF_NR_ZKDX',
  处罚决定日期: 'CF_JDRQ',
  处罚有效期: 'CF_YXQ',
  公示截止期: 'CF_GSJZQ',
  处罚机关: 'CF_CFJG',
  处罚机关统一社会信用代码: 'CF_CFJGDM',
  数据来源单位: 'CF_SJLY',
  数据来源单位统一社会信用代码: 'CF_SJLYDM',
  备注: 'BZ',
};

const OLD_HEADERS = [
  'CF_WSH',
  'CF_CFMC',
  'CF_CFLB1',
  'CF_CFLB2',
  'CF_SY',
  'CF_YJ',
  'CF_XDR_MC',
  'CF_XDR_SHXYM',
  'CF_XDR_SFZ',
  'CF_FR',
  'CF_JG',
  'CF_JDRQ',
  'CF_XZJG',
  'CF_ZT',
  'DFBM',
  'SJC',
  'BZ',
];
const OLD_CATEGORY: Record<string, string> = {
  警告: '1',
  罚款: '2',
  没收违法所得: '3',
  没收非法财物: '3',
  责令停产停业: '4',
  吊销许可证件: '5',
  暂扣许可证件: '5',
  行政拘留: '6',
};

/** The ★ headers of sources.md a damaged row may lack, in Chinese as the quarantine reason names them. */
const REQUIRED: readonly RequiredField[] = [
  { header: '行政相对人名称', date: false },
  { header: '行政处罚决定书文号', date: false },
  { header: '处罚机关', date: false, role: 'authority' },
  { header: '处罚决定日期', date: true, role: 'decision' },
];

const CONFISCATION = ['没收违法所得', '没收非法财物'];
const LICENCE_ACTION = ['暂扣许可证件', '吊销许可证件'];

export function penaltyFeed(
  world: World,
  penalties: readonly Penalty[],
  style: PenaltyStyle,
  label: string,
  authorityUscc: Map<string, string>,
  rng: Rng,
  dirt: DirtRates,
): Feed<Penalty> {
  const render = (p: Penalty, file: FileCtx, version: 'original' | 'corrected'): Rendered => {
    const status = version === 'corrected' ? (p.correction?.status ?? p.status) : p.status;
    const fineWan =
      version === 'corrected' && p.correction && 'fineWan' in p.correction ? (p.correction.fineWan ?? null) : p.fineWan;
    const person = p.subject.personIdx !== null ? world.persons[p.subject.personIdx] : undefined;
    const entity = p.subject.entityIdx !== null ? world.entities[p.subject.entityIdx] : undefined;
    const rep = entity ? world.persons[entity.repIdx] : undefined;
    const uscc = rng.chance(dirt.messyUscc) ? messyUscc(rng, p.subject.uscc) : p.subject.uscc;
    const unitError = fineWan !== null && fineWan >= 1.5 && rng.chance(dirt.unitError);
    const fine: Cell = fineWan === null ? null : unitError ? Math.round(fineWan * 10000) : fineWan;
    // Faults of this version as written, so §7 compliance is known by construction.
    const orgLike = p.subject.kind !== '自然人';
    const identityOk = orgLike ? isValidUscc(normaliseCode(p.subject.uscc)) : person !== undefined;
    const publicity = (compliant: boolean, department: string | null, report: string | null): Publicity => ({
      authority: p.authority,
      department,
      decision: p.decision,
      report,
      compliant,
    });
    if (style === 'cf_old') {
      const cats = p.categories.map((c) => OLD_CATEGORY[c] ?? (c.startsWith('其他') ? '9' : c));
      const cells: Record<string, Cell> = {
        CF_WSH: p.docNo.replace('〔', '[').replace('〕', ']'),
        CF_CFMC: p.violationType,
        CF_CFLB1: cats[0] ?? null,
        CF_CFLB2: cats[1] ?? null,
        CF_SY: p.violationType,
        CF_YJ: '《中华人民共和国行政处罚法》',
        CF_XDR_MC: p.subject.name,
        CF_XDR_SHXYM: uscc,
        CF_XDR_SFZ: person?.idNumber ?? null,
        CF_FR: rep?.name ?? null,
        CF_JG: p.categories.join('；') + (fine !== null ? `，罚款${fine}万元` : ''),
        CF_JDRQ: file.date_(p.decision),
        CF_XZJG: p.authority,
        CF_ZT: status === '撤销' ? '1' : status === '异议' ? '2' : '0',
        DFBM: '350205',
        SJC: `${file.date} 18:00:00`,
        BZ: null,
      };
      // No 行政相对人类别 in this generation: without a valid USCC or an identity number it cannot be inferred.
      const inferable = person !== undefined || isValidUscc(p.subject.uscc);
      // Without 行政相对人类别 every row carries the finding inferred_subject_kind: never compliant.
      const pub = publicity(false, null, null);
      return inferable ? { cells, publicity: pub } : { cells, quarantine: 'unknown_subject_kind', publicity: pub };
    }
    const zh: Record<string, Cell> = {
      行政相对人名称: p.subject.name,
      行政相对人类别: p.subject.kind,
      统一社会信用代码: uscc,
      法定代表人: p.subject.kind === '法人及非法人组织' ? (rep?.name ?? null) : null,
      证件类型: person ? '身份证' : null,
      证件号码: person?.idNumber ?? null,
      行政处罚决定书文号: rng.chance(0.1) ? p.docNo.replace('〔', '【').replace('〕', '】') : p.docNo,
      违法行为类型: p.violationType,
      违法事实: `当事人${p.violationType}`,
      处罚依据: '《中华人民共和国行政处罚法》',
      处罚类别: p.categories.join(rng.chance(0.3) ? '、' : ';'),
      处罚内容: p.categories.join('，'),
      '罚款金额（万元）': fine,
      '没收违法所得、没收非法财物的金额（万元）': p.categories.some((c) => CONFISCATION.includes(c))
        ? Math.round((p.id % 97) + 1) / 100
        : null,
      暂扣或吊销证照名称及编号: p.categories.some((c) => LICENCE_ACTION.includes(c))
        ? `食品经营许可证 JY13502050${String(p.id).padStart(6, '0')}`
        : null,
      处罚决定日期: file.date_(p.decision),
      处罚有效期: file.date_('2099-12-31'),
      公示截止期: null,
      处罚机关: p.authority,
      处罚机关统一社会信用代码: authorityUscc.get(p.authority) ?? null,
      数据来源单位: p.department,
      数据来源单位统一社会信用代码: authorityUscc.get(p.department) ?? null,
      备注: null,
      上报日期: file.date_(p.report),
      失信严重程度: p.severityColumn,
      当前状态: status,
    };
    const missingFacts = rng.chance(dirt.missingOptional);
    if (missingFacts) zh.违法事实 = null;
    const pub = publicity(identityOk && !unitError && !missingFacts, p.department, p.report);
    if (style === 'zh') return { cells: zh, publicity: pub };
    return { cells: Object.fromEntries(Object.entries(zh).map(([k, v]) => [renamed(style, k), v])), publicity: pub };
  };
  const spelling = spellingOf(style);
  const zhHeaders = ZH.filter((h) => style !== 'cf_old' || h !== '上报日期');
  return {
    source: 'penalties',
    label,
    records: penalties,
    routeDate: (p) => p.report,
    headers: () =>
      style === 'cf_old'
        ? OLD_HEADERS
        : spelling
          ? nationalHeaders(zhHeaders, spelling)
          : zhHeaders.map((h) => renamed(style, h)),
    render: (p, f) => render(p, f, 'original'),
    // The template keeps sources.md's names for the ★ fields, so dirt can blank them as in a zh file.
    required: style === 'zh' || spelling ? REQUIRED : [],
    subjectColumns:
      style === 'cf_old' ? undefined : ['行政相对人类别', '统一社会信用代码', '证件号码'].map((h) => renamed(style, h)),
    correction: (p, f) => (p.correction ? render(p, f, 'corrected') : null),
    cadenceDays: style === 'zh' ? 14 : 30,
    allowXlsx: true,
    redeliver: style === 'zh',
  };
}
