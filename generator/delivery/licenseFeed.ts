import type { Rng } from '../prng.js';
import type { DirtRates } from '../dirt.js';
import { isValidUscc, normaliseCode } from '../../lib/validate/uscc.js';
import { messyUscc } from './formats.js';
import type { Feed, RequiredField } from './deliver.js';
import type { Publicity } from './facts.js';
import type { Cell } from './writers.js';
import type { Entity, License, World } from '../world/types.js';
import { nationalHeader, nationalHeaders } from './templates.js';

/**
 * Header style of a licence feed: Chinese names, current national `XK_` codes, the ≈2016 codes, or the
 * 双公示 licence template (its identity headers written `-` with full-width brackets; its 许可证书名称,
 * 许可编号, 有效期自/至 and 许可机关 are sources.md's names).
 */
export type LicenseStyle = 'zh' | 'xk' | 'xk_old' | 'national';

const USCC_NATIONAL = nationalHeader('统一社会信用代码', 'full');

const ZH = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '法定代表人',
  '证件类型',
  '证件号码',
  '行政许可决定文书名称',
  '行政许可决定文书号',
  '许可类别',
  '许可证书名称',
  '许可编号',
  '许可内容',
  '许可决定日期',
  '有效期自',
  '有效期至',
  '许可机关',
  '许可机关统一社会信用代码',
  '当前状态',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
  '备注',
  '上报日期',
] as const;

const XK: Record<string, string> = {
  行政相对人名称: 'XK_XDR_MC',
  行政相对人类别: 'XK_XDR_LB',
  统一社会信用代码: 'XK_XDR_SHXYM',
  法定代表人: 'XK_FRDB',
  证件类型: 'XK_XDR_ZJLX',
  证件号码: 'XK_XDR_ZJHM',
  行政许可决定文书名称: 'XK_XKWS',
  行政许可决定文书号: 'XK_WSH',
  许可类别: 'XK_XKLB',
  许可证书名称: 'XK_XKZS',
  许可编号: 'XK_XKBH',
  许可内容: 'XK_NR',
  许可决定日期: 'XK_JDRQ',
  有效期自: 'XK_YXQZ',
  有效期至: 'XK_YXQZI',
  许可机关: 'XK_XKJG',
  许可机关统一社会信用代码: 'XK_XKJGDM',
  当前状态: 'XK_ZT',
  数据来源单位: 'XK_LYDW',
  数据来源单位统一社会信用代码: 'XK_LYDWDM',
  备注: 'BZ',
};

const OLD_HEADERS = [
  'XK_WSH',
  'XK_XMMC',
  'XK_SPLB',
  'XK_XDR',
  'XK_XDR_SHXYM',
  'XK_XDR_ZDM',
  'XK_XDR_SFZ',
  'XK_FR',
  'XK_JDRQ',
  'XK_JZQ',
  'XK_XZJG',
  'XK_ZT',
  'DFBM',
  'SJC',
  'BZ',
];
const OLD_CATEGORY: Record<string, string> = { 普通: '1', 特许: '2', 认可: '3', 核准: '4', 登记: '5' };

const REQUIRED: readonly RequiredField[] = [
  { header: '行政相对人名称', date: false },
  { header: '行政许可决定文书号', date: false },
  { header: '许可机关', date: false, role: 'authority' },
  { header: '许可决定日期', date: true, role: 'decision' },
];

/**
 * Licences of one group of authorities in one header style. Licences are not events; they matter
 * for §7 quality only, so each row says whether it is compliant as written.
 */
export function licenseFeed(
  world: World,
  licenses: readonly License[],
  style: LicenseStyle,
  label: string,
  authorityUscc: ReadonlyMap<string, string>,
  rng: Rng,
  dirt: DirtRates,
): Feed<License> {
  const P = world.persons;
  const E = world.entities;
  const u = (s: string) => (rng.chance(dirt.messyUscc) ? messyUscc(rng, s) : s);
  const headers =
    style === 'zh'
      ? [...ZH]
      : style === 'national'
        ? nationalHeaders(ZH, 'full')
        : style === 'xk'
          ? [...ZH.map((h) => XK[h] ?? h)]
          : OLD_HEADERS;
  return {
    source: 'licenses',
    label,
    records: licenses,
    routeDate: (l) => l.report,
    headers: () => headers,
    render: (l, f) => {
      const entity = l.subject.entityIdx !== null ? (E[l.subject.entityIdx] as Entity) : undefined;
      const rep = entity ? (P[entity.repIdx]?.name ?? null) : null;
      const usccOk = isValidUscc(normaliseCode(l.subject.uscc));
      if (style === 'xk_old') {
        const cells: Record<string, Cell> = {
          XK_WSH: l.docNo,
          XK_XMMC: l.content,
          XK_SPLB: OLD_CATEGORY[l.category] ?? '9',
          XK_XDR: l.subject.name,
          XK_XDR_SHXYM: u(l.subject.uscc),
          XK_XDR_ZDM: l.subject.uscc.length === 18 ? l.subject.uscc.slice(8, 17) : null,
          XK_XDR_SFZ: null,
          XK_FR: rep,
          XK_JDRQ: f.date_(l.decision),
          XK_JZQ: f.date_(l.validTo),
          XK_XZJG: l.authority,
          XK_ZT: '0',
          DFBM: '350205',
          SJC: `${f.date} 18:00:00`,
          BZ: null,
        };
        // No 行政相对人类别 in this generation: inferred with a finding, or unknowable without a valid USCC.
        const publicity: Publicity = {
          authority: l.authority,
          department: null,
          decision: l.decision,
          report: null,
          compliant: false,
        };
        return usccOk ? { cells, publicity } : { cells, quarantine: 'unknown_subject_kind', publicity };
      }
      const zh: Record<string, Cell> = {
        行政相对人名称: l.subject.name,
        行政相对人类别: l.subject.kind,
        统一社会信用代码: u(l.subject.uscc),
        法定代表人: l.subject.kind === '法人及非法人组织' ? rep : null,
        证件类型: null,
        证件号码: null,
        行政许可决定文书名称: `${l.content}决定书`,
        行政许可决定文书号: l.docNo,
        许可类别: l.category,
        许可证书名称: l.content,
        许可编号: l.docNo.replace(/\D/g, ''),
        许可内容: l.content,
        许可决定日期: f.date_(l.decision),
        有效期自: f.date_(l.validFrom),
        有效期至: f.date_(l.validTo),
        许可机关: l.authority,
        许可机关统一社会信用代码: authorityUscc.get(l.authority) ?? null,
        当前状态: style === 'xk' ? '0' : '有效',
        数据来源单位: l.authority,
        数据来源单位统一社会信用代码: authorityUscc.get(l.authority) ?? null,
        备注: null,
        上报日期: f.date_(l.report),
      };
      const publicity: Publicity = {
        authority: l.authority,
        department: l.authority,
        decision: l.decision,
        report: l.report,
        compliant: usccOk,
      };
      if (style === 'zh') return { cells: zh, publicity };
      if (style === 'national') {
        const { 统一社会信用代码: uscc, ...rest } = zh;
        return { cells: { ...rest, [USCC_NATIONAL]: uscc ?? null }, publicity };
      }
      return { cells: Object.fromEntries(Object.entries(zh).map(([k, v]) => [XK[k] ?? k, v])), publicity };
    },
    required: style === 'zh' || style === 'national' ? REQUIRED : [],
    subjectColumns:
      style === 'zh'
        ? ['行政相对人类别', '统一社会信用代码', '证件号码']
        : style === 'national'
          ? ['行政相对人类别', USCC_NATIONAL, '证件号码']
          : style === 'xk'
            ? ['XK_XDR_LB', 'XK_XDR_SHXYM', 'XK_XDR_ZJHM']
            : [],
    cadenceDays: style === 'zh' ? 30 : 61,
    allowXlsx: true,
    redeliver: false,
  };
}
