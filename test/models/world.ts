/**
 * Hand-made fixtures for the rule tests: small extracts written as departments deliver them (CSV in
 * DIR/inbox/<source>/), then the real ingest and the real build, then the marts of the published build.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config/load.js';
import type { Config } from '../../lib/config/schema.js';
import { silentLog } from '../../lib/log.js';
import type { Row } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';
import { openPublished } from '../../lib/publish/reader.js';
import { build, type BuildResult } from '../../pipelines/build/build.js';
import { ingest } from '../../pipelines/ingest/run.js';
import { usccCheckChar, orgCodeCheckChar } from '../../lib/validate/uscc.js';
import { idCheckChar } from '../../lib/validate/idNumber.js';

/** A valid USCC whose organisation body is the 8 digits of n (both check characters pass). */
export function uscc(n: number, prefix = '91350205'): string {
  const body = String(n).padStart(8, '0');
  const first17 = prefix + body + orgCodeCheckChar(body);
  return first17 + usccCheckChar(first17);
}

export function idNumber(n: number): string {
  const first17 = `35020519800101${String(n).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export type Rec = Record<string, string | number | null | undefined>;

function csv(rows: readonly Rec[]): string {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: Rec[string]) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\n') + '\n';
}

let clock = Date.UTC(2025, 0, 1);

export class World {
  readonly dir = mkdtempSync(join(tmpdir(), 'models-'));
  private seq = 0;

  /** Delivers one CSV file; files are ingested in delivery order (modification time). */
  deliver(source: string, rows: readonly Rec[], name?: string): this {
    const dir = paths.sourceInbox(this.dir, source);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, name ?? `${String(++this.seq).padStart(3, '0')}_${source}.csv`);
    writeFileSync(file, csv(rows));
    const t = new Date((clock += 60_000));
    utimesSync(file, t, t);
    return this;
  }

  async ingest(config: Readonly<Config> = loadConfig()): Promise<this> {
    // A world with nothing delivered yet still has its inbox: the ingest refuses a data directory without one.
    mkdirSync(paths.inbox(this.dir), { recursive: true });
    await ingest({ dataDir: this.dir, config, log: silentLog() });
    return this;
  }

  async build(asOf: string, override?: unknown): Promise<BuildResult> {
    const r = await build({ dataDir: this.dir, asOf, config: loadConfig({ override }), log: silentLog() });
    const failed = r.models.filter((m) => m.status === 'error');
    if (failed.length) throw new Error(failed.map((m) => `${m.model}: ${m.message}`).join('\n'));
    return r;
  }

  async query<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    const b = await openPublished(this.dir);
    try {
      return await b.db.all<T>(sql, params as never);
    } finally {
      b.close();
    }
  }
}

/** A register row (法人库) with the fields the models read. */
export function company(n: number, name: string, extra: Rec = {}): Rec {
  return {
    统一社会信用代码: uscc(n),
    企业名称: name,
    市场主体类型: '企业',
    法定代表人: `代表${n}`,
    法定代表人证件号码: idNumber(n),
    行业代码: 'C3911',
    所属区域代码: '350205001',
    登记状态: '存续',
    ...extra,
  };
}

const AUTHORITY = {
  market: '厦门市海沧区市场监督管理局',
  tax: '国家税务总局厦门市海沧区税务局',
  environment: '厦门市海沧生态环境局',
};
export type Domain = keyof typeof AUTHORITY;
export const authority = (d: Domain): string => AUTHORITY[d];

let docNo = 0;
/** A penalty (行政处罚) of an organisation, by default a 一般 fine of 5,000 yuan. */
export function penalty(
  subject: { uscc?: string | null; name: string },
  date: string,
  extra: Rec & { domain?: Domain } = {},
): Rec {
  const { domain = 'market', ...rest } = extra;
  return {
    行政相对人名称: subject.name,
    行政相对人类别: '法人及非法人组织',
    统一社会信用代码: subject.uscc ?? '',
    行政处罚决定书文号: `厦罚〔2025〕${++docNo}号`,
    处罚类别: '罚款',
    '罚款金额（万元）': 0.5,
    处罚决定日期: date,
    处罚机关: authority(domain),
    数据来源单位: authority(domain),
    上报日期: date,
    ...rest,
  };
}

export const docNoOf = (r: Rec): string => String(r['行政处罚决定书文号']);
export const eventId = (r: Rec): string => `penalties:${String(r['处罚机关'])}|${docNoOf(r)}`;
