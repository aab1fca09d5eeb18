import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../lib/log.js';
import { deliverReport } from '../../pipelines/report/email.js';
import { issueBrief } from '../../pipelines/report/brief.js';
import { formatChange } from '../../pipelines/report/briefData.js';
import { htmlFileToPdf } from '../../pipelines/report/pdf.js';
import { fandolDir } from '../../pipelines/report/fonts.js';
import { chromiumPresent } from '../chromium.js';
import { loadConfig } from '../../lib/config/load.js';
import { readDocx, readXlsx, tableRows } from './documents.js';
import { B, C, authority, runScenario, type Scenario } from './scenario.js';

interface Received {
  rcptTo: string[];
  raw: string;
}

let s: Scenario;
let server: SMTPServer;
let port = 0;
const received: Received[] = [];

beforeAll(async () => {
  s = await runScenario();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
}, 300_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The base64 body of the XLSX attachment in a raw MIME message. */
function xlsxAttachment(raw: string): Buffer {
  const part = raw
    .split(/\r?\n--/)
    .find((p) => p.includes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'))!;
  const body = part
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('')
    .replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

describe('e-mail of department parts', () => {
  it('sends each department with an address only its own entities, over a loopback SMTP server', async () => {
    const TAX = authority('tax');
    const email = {
      ...loadConfig().reports.email,
      enabled: true,
      host: '127.0.0.1',
      port,
      secure: false,
      user: null,
      password: null,
      recipients: { [TAX]: 'tax@bureau.test', 区信用办: 'office@credit.test' },
    };
    const result = await deliverReport(s.june.report, email, silentLog());
    expect(result.sent.map((x) => [x.department, x.to])).toEqual([
      [TAX, 'tax@bureau.test'],
      ['区信用办', 'office@credit.test'],
    ]);
    expect(result.skipped).toHaveLength(s.june.report.departments.length - 2);
    expect(received.map((r) => r.rcptTo)).toEqual([['tax@bureau.test'], ['office@credit.test']]);

    const dir = mkdtempSync(join(tmpdir(), 'mail-'));
    writeFileSync(join(dir, 'tax.xlsx'), xlsxAttachment(received[0]!.raw));
    const sheets = await readXlsx(join(dir, 'tax.xlsx'));
    expect([...sheets.keys()]).toEqual(['汇总', TAX, '不再列入']);
    // The gravest first in a department's sheet: C (屡禁不止) before B (多领域多次违法).
    expect(tableRows(sheets.get(TAX)!).map((r) => r['统一社会信用代码'])).toEqual([C.uscc, B.uscc]);
    expect(tableRows(sheets.get('汇总')!).map((r) => r['统一社会信用代码'])).toEqual([B.uscc, C.uscc]);
  });
});

describe('leader brief (简报)', () => {
  it('has the masthead, 期号, 编印单位 and the three parts, the 13 indicators with 环比 and 未达标 in bold red', async () => {
    const r = await issueBrief({
      dataDir: s.world.dir,
      config: loadConfig(),
      period: '2025-07',
      outDir: join(s.outDir, 'brief'),
      log: silentLog(),
      chromium: null,
      now: () => new Date('2025-08-06T02:00:00Z'),
    });
    const d = await readDocx(r.files.docx);
    expect(d.paragraphs.slice(0, 4)).toEqual([
      '信用风险监测简报',
      '2025年第7期',
      // The date sits at a right tab stop (w:tab), which carries no text.
      '编印：厦门市海沧区社会信用体系建设领导小组办公室2025年8月6日',
      '2025年7月信用风险监测情况',
    ]);
    const text = d.paragraphs.join('\n');
    for (const h of ['一、主要情况', '二、主要问题', '三、下步建议']) expect(d.paragraphs).toContain(h);
    expect(text).toMatch(/截至2025年7月31日，城市信用监测指标13项中达标\d+项、未达标\d+项/);
    expect(text).toContain('监测序列仅含近12个月，暂不作同比');
    // The July circular against June's (this world issued both).
    expect(text).toMatch(/本月筛查通报（信用办〔2025〕2号）列入经营主体3户，较上期（信用办〔2025〕1号，4户）减少1户/);
    expect(text).toContain('报送：区委、区政府领导，区社会信用体系建设领导小组各成员单位。');
    const [scorecard, completion] = d.tables;
    expect(scorecard![0]).toEqual(['指标', '本月', '目标', '环比', '状态']);
    expect(scorecard!).toHaveLength(14);
    expect(scorecard!.slice(1, 3).map((row) => row[0])).toEqual(['双公示上报及时率', '双公示数据合规率']);
    const failing = r.data.indicators.filter((i) => !i.met).length;
    expect(scorecard!.filter((row) => row[4] === '未达标')).toHaveLength(failing);
    // 未达标 rows are bold with the status in red.
    expect((d.xml.match(/<w:color w:val="E60012"\/>[\s\S]{0,200}?<w:t[^>]*>未达标<\/w:t>/g) ?? []).length).toBe(
      failing,
    );
    // One unit per indicator (lib/indicatorUnits.ts): the wrong-code rate in ‱, its value, target and 环比.
    const wrongCode = scorecard!.find((row) => row[0] === '统一社会信用代码重错码率')!;
    const rate = r.data.indicators.find((i) => i.indicator_id === 'uscc_error_rate')!;
    expect(wrongCode[1]).toMatch(/^\d+\.\d‱$/);
    expect(Number(wrongCode[1]!.slice(0, -1))).toBeCloseTo(rate.value! * 10000, 1);
    expect(wrongCode[2]).toBe(`${rate.comparator} ${(rate.target * 10000).toFixed(1)}‱`);
    expect(wrongCode[3]).toMatch(/^(—|[+-]\d+\.\d‱)$/);
    expect(wrongCode.join('')).not.toContain('%');
    // Targets as a reader writes them: ≥ 95.0%, not the config's >=.
    expect(scorecard!.slice(1).filter((row) => /[<>]=/.test(row[2]!))).toEqual([]);
    expect(scorecard!.slice(1).some((row) => row[2]!.startsWith('≥ '))).toBe(true);
    expect(text).not.toMatch(/目标[<>]=/);
    expect(completion![0]).toEqual(['部门', '交办', '已办结', '逾期办结', '待办理', '已逾期', '办结率']);
    expect(completion!.length).toBeGreaterThan(1);
    // The gravest entity is named in 主要问题.
    const persistent = await s.world.query<{ name: string }>('select name from persistent_violators');
    expect(text).toContain(`重点风险主体：${persistent[0]!.name}（屡禁不止`);
    expect(r.pdfSkipped).toBe('no PDF: disabled');
  });
});

describe('PDF through chromium', () => {
  it.skipIf(!chromiumPresent())(
    'prints the report HTML to a PDF with the CJK text embedded',
    async () => {
      const pdf = join(s.outDir, 'june.pdf');
      await htmlFileToPdf(s.june.files.html, pdf);
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      // Without a CJK font every character would be a box; the embedded subset names the font used.
      expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+(WenQuanYi|Noto)/);
      // The body is set in the Fandol fonts when installed: chromium embeds their CFF outlines as Type 3.
      if (fandolDir()) expect(bytes.toString('latin1')).toMatch(/\/Subtype\s*\/Type3/);
    },
    120_000,
  );
});

describe('the brief’s changes in each indicator’s unit', () => {
  it('says a wrong-code rate’s change in ‱, a share’s in percentage points and a ratio’s plain', () => {
    expect(formatChange('uscc_error_rate', 0.00012, 0.0001)).toBe('+0.2‱');
    expect(formatChange('uscc_error_rate', 0.0001, 0.00013)).toBe('-0.3‱');
    expect(formatChange('publicity_timeliness', 0.95, 0.9)).toBe('+5.0个百分点');
    expect(formatChange('tax_records_ratio', 1.5, 1.75)).toBe('-0.250');
    expect(formatChange('uscc_error_rate', 0.0001, null)).toBe('—');
  });
});
