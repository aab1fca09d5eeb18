/**
 * The credit report (信用报告) from the shared world's published build, read back as a reviewer would:
 * the DOCX XML (jszip) and the PDF text (chromium's PDF, pdfText.ts). What it must list is read from the
 * profile marts, independently of the report's own queries: public penalties only (repaired, revoked,
 * expired and minor ones left out), active list entries only, and for the 专项 variant the counted events
 * per domain in the last N years. Then the record (0600, digests that match the files) and the CLI.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { loadConfig } from '../../lib/config/load.js';
import { readCreditReports } from '../../lib/creditReport/records.js';
import { paths } from '../../lib/dataDir.js';
import { withDb, type Db } from '../../lib/db.js';
import { silentLog } from '../../lib/log.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { canonicalJson, issueCreditReport, type CreditIssueResult } from '../../pipelines/report/credit/issue.js';
import { yearsBefore } from '../../pipelines/report/credit/data.js';
import { chromiumPresent } from '../chromium.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import { readDocx, type DocxContent } from './documents.js';
import { pdfText } from './pdfText.js';

const present = chromiumPresent();
const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));

function sentinel(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const config = loadConfig();
let dataDir: string;
let buildFile: string;

async function read<T>(fn: (db: Db) => Promise<T | undefined>): Promise<T> {
  const r = await withDb(buildFile, { readOnly: true }, fn);
  if (r === undefined) throw new Error('the shared world has no row for this pick');
  return r;
}

interface Pick {
  uscc: string;
  name: string;
}
let penalised: Pick; // public penalties and penalties that are not public
let listed: Pick; // an active list entry
let standard: CreditIssueResult;
let special: CreditIssueResult;
let docx: DocxContent;

const issue = (uscc: string, variant: 'standard' | 'special', years?: number) =>
  issueCreditReport({
    dataDir,
    config,
    uscc,
    variant,
    years,
    issuedBy: 'tester',
    chromium: present ? undefined : null,
    log: silentLog(),
    now: () => new Date('2026-01-05T02:00:00Z'),
  });

beforeAll(async () => {
  dataDir = await copyOfSharedWorld('credit-');
  buildFile = join(dataDir, readPointer(dataDir)!.file);
  penalised = await read((db) =>
    db.one<Pick>(
      `select uscc, any_value(name) as name from entity_penalties join entity_register using (uscc)
       group by uscc
       having count(*) filter (where publication_status = 'public') > 0
          and count(*) filter (where publication_status <> 'public') > 0
       order by count(*) desc, uscc limit 1`,
    ),
  );
  listed = await read((db) =>
    db.one<Pick>(
      `select e.uscc, r.name from entity_list_entries e join entity_register r using (uscc)
       where e.is_active order by e.uscc limit 1`,
    ),
  );
  standard = await issue(penalised.uscc, 'standard');
  special = await issue(listed.uscc, 'special');
  docx = await readDocx(standard.files.docx);
}, 600_000);

const flat = (s: string) => s.replace(/\n/g, '');

describe('the standard report', () => {
  it('heads the DOCX with the office, the number, the title, and the identification table', () => {
    const r = standard.record;
    expect(docx.paragraphs.slice(0, 3)).toEqual([config.credit_report.issuing_office, r.report_no, '信用报告']);
    expect(r.report_no).toBe('信用报告〔2026〕1号');
    const meta = Object.fromEntries(docx.tables[0]!.map((row) => [row[0], row[1]]));
    expect(meta).toMatchObject({
      报告编号: r.report_no,
      主体名称: penalised.name,
      统一社会信用代码: penalised.uscc,
      数据截至: '2025年12月31日',
      出具日期: '2026年1月5日',
      出具机构: config.credit_report.issuing_office,
      验证码: r.verification_code,
      核验地址: `/verify/${r.verification_code}`,
      '报告摘要（SHA-256）': r.digest,
    });
    expect(r.verification_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('lists exactly the penalties inside their publication period: repaired, revoked, expired and minor ones left out', async () => {
    const penalties = await read((db) =>
      db.all<{ decision_no: string; publication_status: string }>(
        `select decision_no, publication_status from entity_penalties where uscc = ? order by decision_date, decision_no`,
        [penalised.uscc],
      ),
    );
    const table = docx.tables.find((t) => t[0]![1] === '决定书文号')!;
    expect(table.slice(1).map((row) => row[1])).toEqual(
      penalties.filter((p) => p.publication_status === 'public').map((p) => p.decision_no),
    );
    const text = docx.xml;
    for (const p of penalties.filter((x) => x.publication_status !== 'public'))
      expect(text, `${p.decision_no} (${p.publication_status})`).not.toContain(`>${p.decision_no}<`);
  });

  it('sets the body in 仿宋, the headings in 黑体 and the title in 小标宋, on A4 with GB/T 9704 margins', () => {
    for (const font of ['仿宋_GB2312', '黑体', '方正小标宋简体']) expect(docx.xml).toContain(`w:eastAsia="${font}"`);
    expect(docx.paragraphs).toEqual(
      expect.arrayContaining(['一、登记信息', '二、在列名单', '三、公示期内的行政处罚', '四、信用承诺及履约情况']),
    );
    expect(docx.paragraphs).not.toContain('六、各领域违法违规情况（近3年）');
  });

  it.skipIf(!present)(
    'prints the same report to a PDF whose text carries number, code, digest and penalties',
    async () => {
      const text = flat(pdfText(readFileSync(standard.files.pdf!)));
      const r = standard.record;
      for (const s of [
        r.report_no,
        penalised.uscc,
        penalised.name,
        r.verification_code,
        r.digest,
        '公示期内的行政处罚',
      ])
        expect(text).toContain(s);
      for (const p of standard.report.public_penalties) expect(text).toContain(p.decision_no);
    },
  );
});

describe('the 专项 variant', () => {
  it('states for every domain whether the entity has a counted violation in the last N years', async () => {
    const years = config.credit_report.special_years;
    const counted = await read((db) =>
      db.all<{ domain: string; n: number }>(
        `select domain, count(*)::integer as n from event_traces
         where uscc = ? and is_counted and event_date > ?::date and event_date <= '2025-12-31'
         group by domain order by domain`,
        [listed.uscc, yearsBefore('2025-12-31', years)],
      ),
    );
    const s = special.report.special!;
    expect(s.years).toBe(years);
    expect(s.from).toBe('2022-12-31');
    expect(
      s.domains
        .filter((d) => d.counted_events > 0)
        .map((d) => ({ domain: d.domain, n: d.counted_events }))
        .sort((a, b) => (a.domain < b.domain ? -1 : 1)),
    ).toEqual(counted);
    const domains = await read((db) =>
      db.all<{ domain: string }>(`select distinct domain from ref.authority_domains order by domain`),
    );
    expect(s.domains.map((d) => d.domain)).toEqual(expect.arrayContaining([...domains.map((d) => d.domain), 'other']));
    const d = await readDocx(special.files.docx);
    expect(d.paragraphs).toContain('专项信用报告');
    expect(d.paragraphs).toContain(`六、各领域违法违规情况（近${years}年）`);
    const table = d.tables.find((t) => t[0]![2] === `近${years}年违法违规情况`)!;
    expect(table.slice(1).map((row) => row[2]!.startsWith('有计入'))).toEqual(
      s.domains.map((x) => x.counted_events > 0),
    );
  });

  it('lists the active list entries and no removed one', async () => {
    const entries = await read((db) =>
      db.all<{ list_type: string; listed_date: string; is_active: boolean }>(
        `select list_type, listed_date::varchar as listed_date, is_active from entity_list_entries where uscc = ?`,
        [listed.uscc],
      ),
    );
    const rows = special.report.lists.filter((l) => l.list !== 'court_dishonest');
    expect(rows.map((l) => `${l.list_type}@${l.since}`).sort()).toEqual(
      entries
        .filter((e) => e.is_active)
        .map((e) => `${e.list_type}@${e.listed_date}`)
        .sort(),
    );
  });

  it('gives each list entry its 列入原因, authority and since from the published check_list_entries, in DOCX and PDF', async () => {
    const entries = await read((db) =>
      db.all<{ reason: string | null; authority: string | null; since: string }>(
        `select reason, authority, since::varchar as since from check_list_entries where uscc = ? order by since`,
        [listed.uscc],
      ),
    );
    expect(entries.some((e) => e.reason)).toBe(true);
    expect(special.report.lists.map((l) => [l.reason, l.authority, l.since]).sort()).toEqual(
      entries.map((e) => [e.reason, e.authority, e.since]).sort(),
    );
    const d = await readDocx(special.files.docx);
    const table = d.tables.find((t) => t[0]!.includes('列入原因'))!;
    const col = table[0]!.indexOf('列入原因');
    expect(
      table
        .slice(1)
        .map((row) => row[col])
        .sort(),
    ).toEqual(entries.map((e) => e.reason ?? '—').sort());
    if (present) {
      const text = flat(pdfText(readFileSync(special.files.pdf!))).replace(/\s/g, '');
      for (const e of entries) if (e.reason) expect(text).toContain(e.reason.replace(/\s/g, ''));
    }
  });

  it.skipIf(!present)('says it in the PDF too', () => {
    const text = flat(pdfText(readFileSync(special.files.pdf!)));
    expect(text).toContain('专项信用报告');
    for (const dom of special.report.special!.domains) expect(text).toContain(dom.label);
  });
});

describe('the record', () => {
  it('records each report once, numbered in order, privately, with digests that match content and files', () => {
    const records = readCreditReports(dataDir);
    expect(records.map((r) => r.report_no)).toEqual(['信用报告〔2026〕1号', '信用报告〔2026〕2号']);
    expect(statSync(paths.creditReports(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(paths.creditReportFiles(dataDir)).mode & 0o777).toBe(0o700);
    for (const [r, res] of [
      [records[0]!, standard],
      [records[1]!, special],
    ] as const) {
      expect(r.digest).toBe(createHash('sha256').update(canonicalJson(res.report)).digest('hex'));
      for (const f of [res.files.docx, res.files.pdf]) {
        if (!f) continue;
        expect(statSync(f).mode & 0o777).toBe(0o600);
        const recorded = f.endsWith('.pdf') ? r.files.pdf! : r.files.docx;
        expect(recorded.sha256).toBe(createHash('sha256').update(readFileSync(f)).digest('hex'));
      }
    }
    expect(new Set(records.map((r) => r.verification_code)).size).toBe(2);
  });

  it('refuses an invalid USCC and an entity the build does not know, recording nothing', async () => {
    await expect(issue('91350205000000000X', 'standard')).rejects.toThrow(/not a valid/);
    await expect(issue('91350205MA00000002', 'standard')).rejects.toThrow(/no record of/);
    expect(readCreditReports(dataDir)).toHaveLength(2);
  });
});

describe('sentinel report credit', () => {
  it('writes the report, prints its number and code, and audits the issue as the CLI user', async () => {
    const run = await sentinel(['--data-dir', dataDir, 'report', 'credit', listed.uscc.toLowerCase(), '--no-pdf']);
    expect(run.code, run.stderr).toBe(0);
    const record = readCreditReports(dataDir).at(-1)!;
    expect(run.stdout).toContain(record.report_no);
    expect(run.stdout).toContain(record.verification_code);
    expect(run.stdout).toContain('no PDF: disabled');
    expect(record).toMatchObject({ uscc: listed.uscc, variant: 'standard', files: { pdf: null } });
    expect((await readAudit(dataDir)).at(-1)).toMatchObject({
      via: 'cli',
      action: 'credit_report_issue',
      target: listed.uscc,
      filters: { report_no: record.report_no, variant: 'standard' },
    });
  });
});
