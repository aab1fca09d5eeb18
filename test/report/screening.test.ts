import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { join } from 'node:path';
import { productFiles, type IssuedReport } from '../../lib/followUp/productSources.js';
import { readIssued } from '../../lib/followUp/history.js';
import { circularPdf, pdfPageCount } from '../../pipelines/report/circularPdf.js';
import { screeningHtml } from '../../pipelines/report/html.js';
import { issueScreeningReport } from '../../pipelines/report/issue.js';
import { CHROMIUM } from '../../pipelines/report/pdf.js';
import type { ScreeningReport } from '../../pipelines/report/types.js';
import { chromiumPresent } from '../chromium.js';
import { paragraphTexts, readDocx, readXlsx, tableRows } from './documents.js';
import { A, B, C, CITY_MARKET, D, E, authority, laterEventOfA, runScenario, type Scenario } from './scenario.js';
import { eventId } from '../models/world.js';

let s: Scenario;
beforeAll(async () => {
  s = await runScenario();
}, 300_000);

const MARKET = authority('market');
const TAX = authority('tax');
const ENV = authority('environment');

describe('screening report from the published build', () => {
  it('lists exactly the repeat, cross-domain and persistent violators of the build', async () => {
    const flagged = (
      await s.world.query<{ uscc: string }>(
        `select uscc from repeat_violators union select uscc from cross_domain_violators union select uscc from persistent_violators order by uscc`,
      )
    ).map((r) => r.uscc);
    expect(s.july.report.entities.map((e) => e.uscc)).toEqual(flagged);
    expect(s.june.report.entities.map((e) => e.uscc).sort()).toEqual([A.uscc, B.uscc, C.uscc, E.uscc].sort());
  });

  it('routes a repeat violator to the authority of its latest counted event in the domain', () => {
    const a = s.june.report.entities.find((e) => e.uscc === A.uscc)!;
    expect(a.routing).toEqual([{ department: CITY_MARKET, role: 'lead', domains: ['market'] }]);
    const aJuly = s.july.report.entities.find((e) => e.uscc === A.uscc)!;
    expect(aJuly.routing.map((r) => r.department)).toEqual([MARKET]);
  });

  it('routes a cross-domain violator to every involved department with the credit office coordinating', () => {
    const b = s.june.report.entities.find((e) => e.uscc === B.uscc)!;
    expect(
      b.routing
        .filter((r) => r.role === 'lead')
        .map((r) => r.department)
        .sort(),
    ).toEqual([ENV, MARKET, TAX].sort());
    expect(b.routing.at(-1)).toEqual({ department: '区信用办', role: 'coordinator', domains: [] });
    expect(b.measure).toBe('约谈');
  });

  it('recommends the measure of the highest flag and sets the due date 10 working days after the build as-of', () => {
    const byUscc = new Map(s.june.report.entities.map((e) => [e.uscc, e]));
    expect(byUscc.get(A.uscc)!.measure).toBe('告知');
    expect(byUscc.get(C.uscc)!.measure).toBe('培训');
    expect(s.june.report.due_date).toBe('2025-07-14');
    expect(s.july.report.due_date).toBe('2025-08-14');
  });

  it('numbers reports per year after the prefix, past delivered numbers of another prefix', () => {
    expect(s.june.report.report_no).toBe('信用办〔2025〕1号');
    expect(s.july.report.report_no).toBe('信用办〔2025〕2号');
  });
});

describe('new, still listed and no longer listed', () => {
  it('compares the first report with the delivered history report', () => {
    const r = s.june.report;
    expect(r.previous).toEqual({ report_no: '海信通〔2025〕1号', report_date: '2025-02-01' });
    const change = Object.fromEntries(r.entities.map((e) => [e.uscc, e.change]));
    expect(change).toEqual({ [A.uscc]: 'new', [B.uscc]: 'new', [C.uscc]: 'still', [E.uscc]: 'new' });
    expect(r.resolved).toEqual([{ uscc: D.uscc, name: D.name }]);
    expect(r.entities.find((e) => e.uscc === C.uscc)!.persistent).not.toBeNull();
  });

  it('compares the second report with the first one the product issued', () => {
    const r = s.july.report;
    expect(r.previous).toEqual({ report_no: '信用办〔2025〕1号', report_date: '2025-06-30' });
    const change = Object.fromEntries(r.entities.map((e) => [e.uscc, e.change]));
    expect(change).toEqual({ [A.uscc]: 'still', [B.uscc]: 'still', [C.uscc]: 'still' });
    expect(r.resolved).toEqual([{ uscc: E.uscc, name: E.name }]);
  });

  it('makes a listed entity with a later event persistent, dated by the as-of of the build the report came from', async () => {
    const rows = await s.world.query(
      `select uscc, report_date, events_after_report from persistent_violators order by uscc`,
    );
    // C's last listing is now the product's June report, and C has no event after it.
    expect(rows).toEqual([{ uscc: A.uscc, report_date: '2025-06-30', events_after_report: 1 }]);
    const a = s.july.report.entities.find((e) => e.uscc === A.uscc)!;
    expect(a.level).toBe('屡禁不止');
    expect(a.measure).toBe('培训');
    expect(a.evidence.map((e) => e.event_id)).toContain(eventId(laterEventOfA));
  });
});

describe('recording', () => {
  it('records number, period, as-of, entities and departments of every report', () => {
    const lines = readFileSync(productFiles.issued(s.world.dir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as IssuedReport);
    expect(lines.map((l) => [l.report_no, l.period, l.as_of])).toEqual([
      ['信用办〔2025〕1号', '2025-06', '2025-06-30'],
      ['信用办〔2025〕2号', '2025-07', '2025-07-31'],
    ]);
    expect(lines[0]!.departments).toEqual(s.june.report.departments);
    expect(lines[0]!.entries).toContainEqual({
      uscc: B.uscc,
      name: B.name,
      report_type: '多领域多次违法',
      domain: null,
    });
    expect(lines[0]!.assignments).toContainEqual({
      uscc: A.uscc,
      name: A.name,
      department: CITY_MARKET,
      role: 'lead',
      measure: '告知',
      due_date: '2025-07-14',
    });
  });

  it('joins the screening history the next build stages, with the report date as the build as-of', async () => {
    const rows = await s.world.query(
      `select report_no, report_date, uscc, report_type from stg_screening_reports__reports where report_no like '信用办%' order by uscc, report_type`,
    );
    expect(rows).toContainEqual({
      report_no: '信用办〔2025〕1号',
      report_date: '2025-06-30',
      uscc: C.uscc,
      report_type: '屡禁不止',
    });
    expect(rows.every((r) => r.report_no === '信用办〔2025〕1号')).toBe(true);
  });

  it('refuses a second report for the same period, an earlier month without --reissue and a build as-of outside the period', async () => {
    const config = loadConfig();
    await expect(
      issueScreeningReport({ dataDir: s.world.dir, config, period: '2025-07', log: silentLog(), chromium: null }),
    ).rejects.toThrow(/already issued as 信用办〔2025〕2号.*--reissue/);
    await expect(
      issueScreeningReport({ dataDir: s.world.dir, config, period: '2025-08', log: silentLog(), chromium: null }),
    ).rejects.toThrow(/as of 2025-07-31; a report for 2025-08 needs a build as of 2025-08-31 to 2025-09-30/);
    await expect(
      issueScreeningReport({ dataDir: s.world.dir, config, period: '2025-06', log: silentLog(), chromium: null }),
    ).rejects.toThrow(/the report for 2025-06 was already issued as 信用办〔2025〕1号/);
    await expect(
      issueScreeningReport({ dataDir: s.world.dir, config, period: '2025-05', log: silentLog(), chromium: null }),
    ).rejects.toThrow(
      /a report for 2025-07 was issued already; a report for the earlier month 2025-05 needs --reissue/,
    );
    await expect(
      issueScreeningReport({
        dataDir: s.world.dir,
        config,
        period: '2025-05',
        log: silentLog(),
        chromium: null,
        reissue: true,
      }),
    ).rejects.toThrow(/needs a build as of 2025-05-31 to 2025-06-30/);
    expect(readFileSync(productFiles.issued(s.world.dir), 'utf8').trim().split('\n')).toHaveLength(2);
  });
});

describe('DOCX in official-document layout (GB/T 9704)', () => {
  it('has the red issuing-office header, the number, the title, the as-of and the criteria, and no build id', async () => {
    const d = await readDocx(s.june.files.docx);
    expect(d.paragraphs.slice(0, 4)).toEqual([
      '厦门市海沧区社会信用体系建设领导小组办公室',
      '信用办〔2025〕1号',
      '关于2025年6月信用风险筛查情况的通报',
      '各有关部门：',
    ]);
    expect(d.xml).toMatch(/<w:color w:val="E60012"\/>/);
    const body = d.paragraphs.join('\n');
    expect(body).toContain('截至2025年6月30日');
    expect(body).toContain('（一）同一领域频繁违法。近365日内在同一领域有3起及以上');
    expect(body).toContain('于2025年7月14日前');
    expect(body).toContain('新增3户，继续列入1户，不再列入1户');
    expect(body).not.toContain(s.june.report.build_id);
    expect(d.media.filter((m) => m.endsWith('.png'))).toHaveLength(1);
  });

  it('numbers pages "— N —" at the outside corners: odd pages right, even pages left; margins mirrored', async () => {
    const d = await readDocx(s.june.files.docx);
    expect(d.settings).toContain('<w:evenAndOddHeaders/>');
    // GB/T 9704: the 28 mm 订口 is on the binding side, left on odd pages and right on even pages.
    expect(d.settings).toMatch(/<w:displayBackgroundShape\/><w:mirrorMargins\/><w:defaultTabStop/);
    const sections = [...d.xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(3);
    expect(sections[0]).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const pageField = /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/;
    // Body and annexes: both footers number the page, odd at the right and even at the left.
    for (const f of d.sectionFooters.slice(0, 2)) {
      expect(f.default).toMatch(pageField);
      expect(f.default).toContain('<w:jc w:val="right"/>');
      expect(f.even).toMatch(pageField);
      expect(f.even).toContain('<w:jc w:val="left"/>');
    }
  });

  it('keeps the signature and date with the last paragraph and ends with the 版记 on an even page', async () => {
    const d = await readDocx(s.june.files.docx);
    const sign = d.paragraphs.indexOf('厦门市海沧区社会信用体系建设领导小组办公室', 1);
    expect(d.paragraphs[sign + 1]).toBe('2025年6月30日');
    expect(d.paragraphs.slice(sign - 2, sign)).toEqual(['附件：1. 各责任部门名单', '2. 不再列入名单']);
    // The chain last paragraph → 附件说明 → 署名 is kept together (w:keepNext on each).
    const closing = d.xml.slice(d.xml.indexOf('（三）跟踪督办。') - 600, d.xml.lastIndexOf('2025年6月30日'));
    expect(closing.match(/<w:keepNext\/>/g)?.length).toBeGreaterThanOrEqual(4);
    const last = [...d.xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].at(-1)![0];
    expect(last).toContain('<w:type w:val="evenPage"/>');
    // The 版记 sits in the even-page footer of its section, at the foot in Word and LibreOffice alike,
    // above the page number; the section has no text of its own.
    const banji = d.sectionFooters.at(-1)!;
    expect(paragraphTexts(banji.even!)).toEqual([
      '抄送：厦门市社会信用体系建设领导小组办公室。',
      '厦门市海沧区社会信用体系建设领导小组办公室2025年7月5日印发',
      '—  —',
    ]);
    expect(banji.even).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(banji.even).toMatch(/办公室<\/w:t><\/w:r><w:r><w:rPr>[\s\S]*?<\/w:rPr><w:tab\/><\/w:r>/);
    // 4号 (w:sz 28) would not hold the long office name and the date on one line: a size a little smaller does.
    const size = Number(
      /<w:sz w:val="(\d+)"\/>(?:(?!<w:t[ >]).)*<w:t[^>]*>厦门市海沧区社会信用体系建设领导小组办公室</s.exec(
        banji.even!,
      )?.[1],
    );
    expect(size).toBeLessThan(28);
    expect(size).toBeGreaterThanOrEqual(24);
    expect(banji.even).toContain(
      `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr><w:t xml:space="preserve">2025年7月5日印发`,
    );
    // 抄送 continues under the first name after the colon: hanging by three 4号 characters.
    expect(banji.even).toMatch(/<w:ind w:left="1160" w:right="320" w:hanging="840"\/>/);
    // The only odd page the section can have is the blank page put before an even-page section: no number.
    expect(paragraphTexts(banji.default!)).toEqual([]);
    expect(banji.default).not.toMatch(/PAGE/);
    expect(d.paragraphs.filter((p) => p.startsWith('抄送：') || p.endsWith('印发'))).toEqual([]);
  });

  it('has one line per enterprise in each tasked department’s table, with only its own domain’s evidence', async () => {
    const d = await readDocx(s.june.files.docx);
    const r = s.june.report;
    const tasked = r.departments.filter((x) => x !== r.coordinator);
    const headings = d.paragraphs.filter((p) => /^\d+\. .+（\d+户）$/.test(p));
    // The coordinator (the issuing office itself) is not circulated a table of its own.
    expect(headings.map((h) => h.replace(/^\d+\. /, '').replace(/（\d+户）$/, ''))).toEqual(tasked);
    const tables = d.tables.slice(0, tasked.length);
    const byDepartment = Object.fromEntries(tasked.map((dep, i) => [dep, tables[i]!]));
    expect(byDepartment[TAX]![0]).toEqual([
      '序号',
      '主体名称',
      '统一社会信用代码',
      '通报类型',
      '状态',
      '措施',
      '本部门计入事件',
      '最近一起记录号',
    ]);
    // The gravest first: C (屡禁不止) before B (多领域多次违法).
    expect(byDepartment[TAX]!.slice(1).map((row) => [row[2], row[3], row[5]])).toEqual([
      [C.uscc, '屡禁不止', '培训'],
      [B.uscc, '多领域多次违法', '约谈'],
    ]);
    // B has one tax event among its three domains: the tax bureau sees that one only.
    expect(byDepartment[TAX]![2]![6]).toBe('1起');
    expect(byDepartment[TAX]![2]![7]).toMatch(/^厦罚〔2025〕\d+号$/);
    expect(byDepartment[CITY_MARKET]!.slice(1).map((row) => [row[2], row[3], row[4], row[5]])).toEqual([
      [A.uscc, '同一领域频繁违法', '新增', '告知'],
    ]);
    expect(byDepartment[CITY_MARKET]![1]![6]).toBe('3起');
    expect(byDepartment[CITY_MARKET]![1]![7]).toMatch(/^厦罚〔2025〕\d+号$/);
    for (const t of tables) for (const row of t) expect(row.every((cell) => !cell.includes('\n'))).toBe(true);
    // Annex 2: the entities no longer listed.
    expect(d.tables.at(-1)!.slice(1)).toEqual([['1', D.name, D.uscc]]);
  });
});

describe('XLSX', () => {
  it('has a summary sheet, one sheet per department and the no-longer-listed sheet', async () => {
    const sheets = await readXlsx(s.june.files.xlsx);
    expect([...sheets.keys()]).toEqual(['汇总', ...s.june.report.departments, '不再列入']);
    const summary = tableRows(sheets.get('汇总')!);
    expect(
      summary.map((r) => [r['统一社会信用代码'], r['本期状态'], r['屡禁不止'], r['建议措施'], r['办结时限']]),
    ).toEqual(
      s.june.report.entities.map((e) => [
        e.uscc,
        e.change === 'new' ? '新增' : '继续列入',
        e.persistent ? '是' : '否',
        e.measure,
        '2025-07-14',
      ]),
    );
    const b = summary.find((r) => r['统一社会信用代码'] === B.uscc)!;
    expect(String(b['责任部门']).split('|').sort()).toEqual([ENV, MARKET, TAX].sort());
    expect(b['牵头协调']).toBe('区信用办');
    expect(tableRows(sheets.get(ENV)!).map((r) => r['统一社会信用代码'])).toEqual([B.uscc, E.uscc]);
    expect(tableRows(sheets.get('不再列入')!).map((r) => r['统一社会信用代码'])).toEqual([D.uscc]);
  });
});

describe('HTML', () => {
  it('is a printable page with the same department tables and the heatmap', () => {
    const html = readFileSync(s.june.files.html, 'utf8');
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    for (const d of s.june.report.departments.filter((x) => x !== '区信用办')) expect(html).toContain(`${d}（`);
    expect(html).toContain('@bottom-right { content: "— " counter(page) " —"');
    expect(html).toContain('@page :left');
    expect(html).toContain('class="banji"');
    expect(html.match(/<tr class="persistent" data-uscc="/g)).toHaveLength(1);
    expect(existsSync(s.june.files.heatmap!)).toBe(true);
  });
});

describe('--reissue', () => {
  it('issues an earlier month again with the next number, compared with the month before it, without duplicating assignments', async () => {
    const before = readIssued(s.world.dir);
    const held = new Set(before.flatMap((r) => r.assignments.map((a) => `${a.uscc}|${a.department}`)));
    const again = await issueScreeningReport({
      dataDir: s.world.dir,
      config: loadConfig(),
      period: '2025-06',
      outDir: join(s.outDir, 'reissue'),
      log: silentLog(),
      chromium: null,
      reissue: true,
      now: () => new Date('2025-08-06T01:00:00Z'),
    });
    expect(again.report.report_no).toBe('信用办〔2025〕3号');
    expect(again.report.reissue).toBe(true);
    // Compared with what came before June (the delivered report), not with June or July themselves.
    expect(again.report.previous).toEqual({ report_no: '海信通〔2025〕1号', report_date: '2025-02-01' });
    const record = readIssued(s.world.dir).at(-1)!;
    expect(record.report_no).toBe('信用办〔2025〕3号');
    expect(record.assignments.filter((a) => held.has(`${a.uscc}|${a.department}`))).toEqual([]);
    const routed = again.report.entities.flatMap((e) => e.routing.map((r) => `${e.uscc}|${r.department}`));
    expect(record.assignments.map((a) => `${a.uscc}|${a.department}`).sort()).toEqual(
      routed.filter((k) => !held.has(k)).sort(),
    );
  });
});

const poppler = existsSync('/usr/bin/pdftotext');
const pageText = (pdf: string, n: number): string =>
  execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

/** The report with its entities listed `k` more times: longer annexes, the same body. */
const longer = (r: ScreeningReport, k: number): ScreeningReport => ({
  ...r,
  entities: [...r.entities, ...Array.from({ length: k }, () => r.entities).flat()],
});

describe.skipIf(!chromiumPresent() || !poppler)('the PDF’s 版记', () => {
  it('is on the last, even, page: after a blank page, and neither numbered, when the annexes end on an even page', async () => {
    // Annexes of growing length until one ends on an odd page and one on an even page.
    const seen = new Map<boolean, { pdf: string; pages: number }>();
    for (let k = 0; k < 10 && seen.size < 2; k++) {
      const report = longer(s.june.report, 4 * k);
      const html = join(s.outDir, `banji-${k}.html`);
      writeFileSync(html, screeningHtml(report, null));
      const pdf = join(s.outDir, `banji-${k}.pdf`);
      const r = await circularPdf(report, null, html, pdf, CHROMIUM);
      if (!seen.has(r.blankBeforeBanji)) seen.set(r.blankBeforeBanji, { pdf, pages: r.pages });
    }
    expect([...seen.keys()].sort()).toEqual([false, true]);
    for (const [blank, { pdf, pages }] of seen) {
      expect(pdfPageCount(pdf)).toBe(
        Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]),
      );
      expect(pages % 2).toBe(0);
      const last = pageText(pdf, pages);
      expect(last).toMatch(
        /^抄送：厦门市社会信用体系建设领导小组办公室。厦门市海沧区社会信用体系建设领导小组办公室2025年7月5日印发/,
      );
      const annexEnd = pageText(pdf, blank ? pages - 2 : pages - 1);
      expect(annexEnd).toContain('统一社会信用代码');
      expect(annexEnd).toContain(`—${blank ? pages - 2 : pages - 1}—`);
      if (blank) {
        // GB/T 9704 7.5: a blank page before the 版记 and the 版记 page carry no page number.
        expect(pageText(pdf, pages - 1)).toBe('');
        expect(last).not.toMatch(/—\d+—/);
      } else {
        expect(last).toContain(`—${pages}—`);
      }
    }
  }, 180_000);
});
