/**
 * One realistic 行政处罚 row per call, with the column set of sources.md, and about 1 % rows carrying
 * exactly one blocking fault whose quarantine reason is known in advance, so the benchmark can check
 * that the product quarantined exactly those rows.
 */
import { USCC_CHARSET, orgCodeCheckChar, usccCheckChar } from '../../lib/validate/uscc.js';
import { BenchRng, mixSeed } from './rng.js';
import { AUTHORITIES, DEPARTMENTS, GIVEN, INDUSTRY, SHOPS, SURNAMES, TRADE, VIOLATIONS } from './vocab.js';

/**
 * 序号 (a row counter most exports lead with) is not a column of sources.md: it is kept as an unknown
 * extra column, as the loader must.
 */
export const PENALTY_HEADERS = [
  '序号',
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '工商注册号',
  '组织机构代码',
  '税务登记号',
  '事业单位证书号',
  '社会组织登记证号',
  '法定代表人',
  '法定代表人证件类型',
  '法定代表人证件号码',
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

const COL = Object.fromEntries(PENALTY_HEADERS.map((h, i) => [h, i])) as Record<
  (typeof PENALTY_HEADERS)[number],
  number
>;

/** A cell as a writer receives it: text, or (XLSX only) a number or a date cell. */
export type Cell = string | number | Date | null;

export interface PenaltyRow {
  cells: Cell[];
  /** The quarantine reason the product must give this row, null for a row that must load. */
  planted: string | null;
}

/** The planted faults, equally likely; each makes the row fail exactly one ★ check of sources.md. */
export const PLANTED_REASONS = [
  'missing_required:行政相对人名称',
  'missing_required:行政处罚决定书文号',
  'missing_required:处罚决定日期',
  'unreadable_date:处罚决定日期',
  'missing_required:处罚机关',
  'unknown_subject_kind',
] as const;

export const BAD_ROW_RATE = 0.01;

const UNREADABLE_DATES = ['待定', '2024年13月5日', '2023-02-30', '20241345', '2023/6/31', '二〇二四年三月'];
const BLANKS = ['', ' ', '　'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function randomBody(rng: BenchRng, n: number, charset = USCC_CHARSET): string {
  let s = '';
  for (let i = 0; i < n; i++) s += charset[rng.int(0, charset.length - 1)];
  return s;
}

/** A GB 32100 code whose embedded organisation code also passes GB 11714. */
function uscc(rng: BenchRng, kind: string): string {
  const org8 = randomBody(rng, 8, '0123456789ABCDEFGHJKLMNPQRTUWXY');
  const body = `${kind}350205${org8}${orgCodeCheckChar(org8)}`;
  return body + usccCheckChar(body);
}

export function governmentUscc(index: number): string {
  const org8 = `MB${pad(17 + index * 37, 6)}`;
  const body = `11350205${org8}${orgCodeCheckChar(org8)}`;
  return body + usccCheckChar(body);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function idNumber(rng: BenchRng): string {
  const body = `350205${rng.int(1955, 2002)}${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}${pad(rng.int(0, 999), 3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}

function personName(rng: BenchRng): string {
  let s = rng.pick([...SURNAMES]);
  const n = rng.chance(0.7) ? 2 : 1;
  for (let i = 0; i < n; i++) s += rng.pick([...GIVEN]);
  return s;
}

interface Subject {
  name: string;
  kind: '法人及非法人组织' | '个体工商户' | '自然人';
  uscc: string | null;
  idNumber: string | null;
  legalRep: string | null;
}

const TRADE_CHARS = [...TRADE];

/** The same subject number gives the same subject, so repeat offenders recur across the file. */
function subject(seed: number, n: number): Subject {
  const rng = new BenchRng(mixSeed(seed, n));
  const trade = rng.pick(TRADE_CHARS) + rng.pick(TRADE_CHARS);
  const roll = rng.next();
  if (roll < 0.75) {
    const industry = rng.pick(INDUSTRY);
    const name = rng.chance(0.12) ? `${trade}（厦门）${industry}有限公司` : `厦门${trade}${industry}有限公司`;
    return { name, kind: '法人及非法人组织', uscc: uscc(rng, '91'), idNumber: null, legalRep: personName(rng) };
  }
  if (roll < 0.9) {
    return {
      name: `厦门市海沧区${trade}${rng.pick(SHOPS)}`,
      kind: '个体工商户',
      uscc: uscc(rng, '92'),
      idNumber: null,
      legalRep: personName(rng),
    };
  }
  return { name: personName(rng), kind: '自然人', uscc: null, idNumber: idNumber(rng), legalRep: null };
}

const EPOCH_2019 = Date.UTC(2019, 0, 1);
const DAYS = 7 * 365;

/** A date in one of the formats sources.md lists, some with a time. */
function dateText(rng: BenchRng, d: Date): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const r = rng.next();
  if (r < 0.4) return `${y}-${pad(m)}-${pad(day)}`;
  if (r < 0.6) return `${y}/${pad(m)}/${pad(day)}`;
  if (r < 0.7) return `${y}${pad(m)}${pad(day)}`;
  if (r < 0.85) return `${y}年${m}月${day}日`;
  if (r < 0.9) return `${y}.${pad(m)}.${pad(day)}`;
  if (r < 0.97)
    return `${y}-${pad(m)}-${pad(day)} ${pad(rng.int(8, 17))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
  return `${y}-${pad(m)}-${pad(day)}T${pad(rng.int(8, 17))}:${pad(rng.int(0, 59))}:00+08:00`;
}

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86400000);

/** 万元, as departments type them: few decimals, a heavy tail. */
function amountWan(rng: BenchRng): number {
  const base = rng.pick([0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 1.5, 2, 3, 5, 10, 20, 50]);
  return rng.chance(0.03) ? base * rng.int(5, 40) : base;
}

export interface RowOptions {
  /** XLSX rows carry real date and number cells for part of the rows, as spreadsheets do. */
  typedCells: boolean;
}

/** Row `i` (0-based) of the file made with `seed`. */
export function penaltyRow(rng: BenchRng, seed: number, i: number, opts: RowOptions): PenaltyRow {
  // A heavy tail of repeat offenders: a fifth of the rows fall on 2 % of the subjects.
  const pool = 50_000;
  const subjectNo = rng.chance(0.2) ? rng.int(0, pool / 50) : rng.int(0, pool - 1);
  const s = subject(seed, subjectNo);
  const authIndex = weightedAuthority(rng);
  const auth = AUTHORITIES[authIndex]!;
  const v = rng.pick(VIOLATIONS);
  const decided = new Date(EPOCH_2019 + rng.int(0, DAYS - 1) * 86400000);
  const year = decided.getUTCFullYear();
  const [open, close] = rng.pick([
    ['〔', '〕'],
    ['[', ']'],
    ['【', '】'],
    ['（', '）'],
  ] as const);
  const decisionNo = `${auth.prefix}${open}${year}${close}${i + 1}号`;

  const cells: Cell[] = new Array(PENALTY_HEADERS.length).fill(null);
  cells[COL['序号']] = opts.typedCells ? i + 1 : String(i + 1);
  cells[COL['行政相对人名称']] = s.name;
  cells[COL['行政相对人类别']] = s.kind;
  let code = s.uscc;
  // A typo: invalid, loads with a finding.
  if (code && rng.chance(0.003)) code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  if (code && rng.chance(0.01)) code = `${code.slice(0, 6)} ${code.slice(6)}`.toLowerCase();
  cells[COL['统一社会信用代码']] = code;
  if (s.kind !== '自然人') {
    cells[COL['法定代表人']] = s.legalRep;
    if (s.kind === '法人及非法人组织') cells[COL['组织机构代码']] = s.uscc!.slice(8, 17);
  } else {
    cells[COL['证件类型']] = '身份证';
    cells[COL['证件号码']] = s.idNumber;
  }
  cells[COL['行政处罚决定书文号']] = decisionNo;
  cells[COL['违法行为类型']] = v.type;
  cells[COL['违法事实']] = v.facts;
  cells[COL['处罚依据']] = v.basis;
  cells[COL['处罚类别']] = v.categories;
  const fine = v.categories.includes('罚款') ? amountWan(rng) : null;
  const confiscated = v.categories.includes('没收') ? amountWan(rng) / 10 : null;
  const fineText = fine === null ? null : Number(fine.toFixed(4));
  const confText = confiscated === null ? null : Number(confiscated.toFixed(4));
  cells[COL['处罚内容']] =
    fineText === null ? v.type.slice(0, 4) + '，责令改正' : `罚款人民币${Math.round(fineText * 10000)}元`;
  cells[COL['罚款金额（万元）']] =
    fineText === null ? null : opts.typedCells && rng.chance(0.5) ? fineText : String(fineText);
  cells[COL['没收违法所得、没收非法财物的金额（万元）']] = confText === null ? null : String(confText);
  if (v.categories.includes('吊销'))
    cells[COL['暂扣或吊销证照名称及编号']] = `食品经营许可证JY${randomBody(rng, 14, '0123456789')}`;
  cells[COL['处罚决定日期']] = opts.typedCells && rng.chance(0.5) ? decided : dateText(rng, decided);
  cells[COL['处罚有效期']] = rng.chance(0.15) ? '2099/12/31' : dateText(rng, addDays(decided, 365));
  cells[COL['公示截止期']] = dateText(rng, addDays(decided, 3 * 365));
  cells[COL['处罚机关']] = auth.name;
  cells[COL['处罚机关统一社会信用代码']] = governmentUscc(authIndex);
  const dept = rng.pick(DEPARTMENTS);
  cells[COL['数据来源单位']] = dept;
  cells[COL['数据来源单位统一社会信用代码']] = governmentUscc(100 + DEPARTMENTS.indexOf(dept));
  if (rng.chance(0.05)) cells[COL['备注']] = '当事人已于规定期限内缴纳罚款';
  cells[COL['上报日期']] = dateText(rng, addDays(decided, rng.int(1, 12)));
  cells[COL['失信严重程度']] = rng.pick(['轻微', '一般', '一般', '严重']);
  cells[COL['当前状态']] = rng.chance(0.02) ? '撤销' : '正常';

  let planted: string | null = null;
  if (rng.chance(BAD_ROW_RATE)) {
    planted = rng.pick(PLANTED_REASONS);
    const blank = rng.pick(BLANKS);
    switch (planted) {
      case 'missing_required:行政相对人名称':
        cells[COL['行政相对人名称']] = blank;
        break;
      case 'missing_required:行政处罚决定书文号':
        cells[COL['行政处罚决定书文号']] = blank;
        break;
      case 'missing_required:处罚决定日期':
        cells[COL['处罚决定日期']] = blank;
        break;
      case 'unreadable_date:处罚决定日期':
        cells[COL['处罚决定日期']] = rng.pick(UNREADABLE_DATES);
        break;
      case 'missing_required:处罚机关':
        cells[COL['处罚机关']] = blank;
        break;
      case 'unknown_subject_kind':
        // No category, no valid code and no identity number: nothing to infer the kind from.
        cells[COL['行政相对人类别']] = blank;
        cells[COL['统一社会信用代码']] = null;
        cells[COL['证件号码']] = null;
        break;
    }
  }
  return { cells, planted };
}

const TOTAL_WEIGHT = AUTHORITIES.reduce((s, a) => s + a.weight, 0);

function weightedAuthority(rng: BenchRng): number {
  let r = rng.next() * TOTAL_WEIGHT;
  for (let i = 0; i < AUTHORITIES.length; i++) {
    r -= AUTHORITIES[i]!.weight;
    if (r < 0) return i;
  }
  return AUTHORITIES.length - 1;
}
