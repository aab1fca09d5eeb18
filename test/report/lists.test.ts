/**
 * `sentinel report lists --period YYYY-MM` over the shared world: the DOCX read back as XML (红头, 文号, title,
 * the summary's counts, the three tables against the red-list and black-list datasets and list_history, the
 * office and the Asia/Shanghai date at the foot) and the XLSX's three sheets; an earlier history month; a month
 * the build did not judge and a differing --as-of refused. SENTINEL_WRITE_PAGE_IMAGES=1 also writes the DOCX's
 * first page as LibreOffice lays it out to docs/screenshots/report-lists-docx-page1.png.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { datasetSpec } from '../../lib/datasets.js';
import { silentLog } from '../../lib/log.js';
import { openPublished } from '../../lib/publish/reader.js';
import { readPublishedDataset } from '../../pipelines/export/published.js';
import { issueListsReport } from '../../pipelines/report/lists/issue.js';
import type { PlantedCase } from '../../generator/world/planted.js';
import { sharedWorldDir, SHARED_WORLD } from '../sharedWorld/index.js';
import { readDocx, readXlsx, tableRows } from './documents.js';
import { docxToPdf, sofficePresent } from './soffice.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
const config = loadConfig();
// 2026-01-05 10:00 in Shanghai is 02:00 UTC: the document is dated by Shanghai's calendar.
const NOW = () => new Date('2026-01-05T02:00:00Z');

let dir: string;
let cases: PlantedCase[];
const usccOf = (c: string) => cases.find((p) => p.case === c)!.usccs[0]!;
const dataset = async (name: string) =>
  (await readPublishedDataset(dir, datasetSpec(name)!, { value: SHARED_WORLD.asOf, explicit: true })).rows as Array<
    Record<string, unknown>
  >;
const history = async (month: string) => {
  const b = await openPublished(dir);
  try {
    return await b.db.all<{ list: string; uscc: string; change: string }>(
      `select list, uscc, change from list_history where month = ? order by uscc`,
      [month] as never,
    );
  } finally {
    b.close();
  }
};
const issue = (period: string, extra: Partial<Parameters<typeof issueListsReport>[0]> = {}) =>
  issueListsReport({
    dataDir: dir,
    config,
    period,
    outDir: mkdtempSync(join(tmpdir(), 'lists-report-')),
    log: silentLog(),
    now: NOW,
    ...extra,
  });

beforeAll(async () => {
  dir = await sharedWorldDir();
  cases = (JSON.parse(readFileSync(join(dir, 'answer-key', 'planted_cases.json'), 'utf8')) as { cases: PlantedCase[] })
    .cases;
}, 600_000);

describe('the 红黑榜 of the as-of month', () => {
  let docx: Awaited<ReturnType<typeof readDocx>>;
  let files: { docx: string; xlsx: string };

  beforeAll(async () => {
    files = (await issue('2025-12')).files;
    docx = await readDocx(files.docx);
  });

  it('has the red masthead, the number, the title and the office and Shanghai date at the foot', () => {
    const [office, number, title, summary] = docx.paragraphs;
    expect(office).toBe(config.lists.issuing_office);
    expect(number).toBe(`${config.lists.number_prefix}〔2025〕12号`);
    expect(title).toBe('2025年12月信用红黑榜');
    expect(summary).toContain('截至2025年12月31日');
    expect(docx.paragraphs.slice(-2)).toEqual([config.lists.issuing_office, '2026年1月5日']);
    // The office's name is set in red (GB/T 9704 发文机关标志), and a red rule runs under the number.
    expect(docx.xml).toMatch(/<w:color w:val="E60012"\/>[\s\S]*?社会信用体系建设领导小组办公室/);
    expect(docx.xml).toContain('w:color="E60012"');
  });

  it('lists exactly the red-list and black-list datasets, and who left this month', async () => {
    const [redTable, blackTable, leftTable] = docx.tables;
    const codes = (t: string[][]) =>
      t
        .slice(1)
        .map((r) => r[1]!)
        .filter((c) => c !== '')
        .sort();
    const red = (await dataset('red-list')).map((r) => r.uscc as string).sort();
    const black = (await dataset('black-list')).map((r) => r.uscc as string).sort();
    expect(red.length).toBeGreaterThan(0);
    expect(codes(redTable!)).toEqual(red);
    expect(codes(blackTable!)).toEqual(black);
    const left = (await history('2025-12'))
      .filter((r) => r.change === 'left')
      .map((r) => r.uscc)
      .sort();
    expect(codes(leftTable!)).toEqual(left);
    const removed = leftTable!.find((r) => r[1] === usccOf('black_list_left_removed'))!;
    expect(removed).toEqual([
      '黑名单',
      usccOf('black_list_left_removed'),
      expect.any(String),
      '严重失信主体名单已移出',
    ]);
    const persistent = blackTable!.find((r) => r[1] === usccOf('black_list_persistent_violator'))!;
    expect(persistent[3]).toBe('屡禁不止');
    expect(docx.paragraphs[3]).toContain(`红名单${red.length}户`);
    expect(docx.paragraphs[3]).toContain(`黑名单${black.length}户`);
  });

  it('writes the same lists to the XLSX, one sheet each', async () => {
    const sheets = await readXlsx(files.xlsx);
    expect([...sheets.keys()]).toEqual(['红名单', '黑名单', '本月移出']);
    for (const s of sheets.values())
      expect(s[0]![0]).toBe(`${config.lists.number_prefix}〔2025〕12号 2025年12月信用红黑榜`);
    const codes = (name: string) =>
      tableRows(sheets.get(name)!)
        .map((r) => r['统一社会信用代码'])
        .sort();
    expect(codes('红名单')).toEqual((await dataset('red-list')).map((r) => r.uscc).sort());
    expect(codes('黑名单')).toEqual((await dataset('black-list')).map((r) => r.uscc).sort());
    expect(codes('本月移出')).toContain(usccOf('black_list_left_removed'));
  });
});

describe('other months', () => {
  it('publishes an earlier history month from list_history', async () => {
    const { document } = await issue('2025-06');
    const month = await history('2025-06');
    const on = (list: string) => month.filter((r) => r.list === list && r.change !== 'left').map((r) => r.uscc);
    expect(document.number).toBe(`${config.lists.number_prefix}〔2025〕6号`);
    expect(document.black.map((r) => r.uscc).sort()).toEqual(on('black').sort());
    expect(document.red.map((r) => r.uscc)).toEqual(on('red'));
    // The removed entity was still listed in June.
    expect(document.black.map((r) => r.uscc)).toContain(usccOf('black_list_left_removed'));
  });

  it('refuses a month the build did not judge, and an --as-of other than the build’s', async () => {
    await expect(issue('2026-01')).rejects.toThrow(/judged the lists for 2025-01 to 2025-12; not for 2026-01/);
    await expect(issue('2024-12')).rejects.toThrow(/not for 2024-12/);
    await expect(issue('2025-13')).rejects.toThrow(/YYYY-MM/);
    await expect(issue('2025-12', { asOf: { value: '2025-11-30', explicit: true } })).rejects.toThrow(
      /as of 2025-12-31/,
    );
  });

  it('runs as `sentinel report lists`', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lists-cli-'));
    const r = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [BIN, '--log-level', 'silent', 'report', 'lists', '--period', '2025-12', '--data-dir', dir, '--out', out],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('close', (status) => resolve({ status, stdout }));
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2025年12月信用红黑榜');
    expect(r.stdout).toContain(join(out, 'lists-2025-12.docx'));
    expect(r.stdout).toContain(join(out, 'lists-2025-12.xlsx'));
  }, 120_000);
});

describe.skipIf(!sofficePresent() || !process.env.SENTINEL_WRITE_PAGE_IMAGES)('page image', () => {
  it('writes the DOCX’s first page as LibreOffice lays it out', async () => {
    const { files } = await issue('2025-12');
    const pdf = docxToPdf(files.docx, mkdtempSync(join(tmpdir(), 'lists-pdf-')));
    const out = fileURLToPath(new URL('../../docs/screenshots/report-lists-docx-page1', import.meta.url));
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', '1', '-l', '1', pdf, out]);
  }, 300_000);
});
