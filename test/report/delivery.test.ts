import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../lib/log.js';
import { deliverReport } from '../../pipelines/report/email.js';
import { issueBrief } from '../../pipelines/report/brief.js';
import { htmlFileToPdf } from '../../pipelines/report/pdf.js';
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
    expect(tableRows(sheets.get(TAX)!).map((r) => r['统一社会信用代码'])).toEqual([B.uscc, C.uscc]);
    expect(tableRows(sheets.get('汇总')!).map((r) => r['统一社会信用代码'])).toEqual([B.uscc, C.uscc]);
  });
});

describe('leader brief', () => {
  it('is one page with the headline, the heatmap, the 13 indicators and the top risks of the build', async () => {
    const r = await issueBrief({
      dataDir: s.world.dir,
      config: loadConfig(),
      period: '2025-07',
      outDir: join(s.outDir, 'brief'),
      log: silentLog(),
      chromium: null,
    });
    const d = await readDocx(r.files.docx);
    expect(d.paragraphs[0]).toBe('2025年7月信用风险监测简报');
    expect(d.paragraphs[1]).toMatch(/^截至2025年7月31日，城市信用监测指标13项中达标\d+项/);
    expect(d.media).toHaveLength(1);
    const [scorecard, risks] = d.tables;
    expect(scorecard!.slice(1).map((row) => row[0])).toContain('双公示上报及时率');
    expect(scorecard!).toHaveLength(14);
    const persistent = await s.world.query<{ name: string; report_date: string; events_after_report: number }>(
      'select name, report_date, events_after_report from persistent_violators order by uscc',
    );
    expect(persistent).toHaveLength(1);
    expect(risks!.slice(1, 1 + persistent.length).map((row) => [row[1], row[2]])).toEqual(
      persistent.map((p) => [p.name, `屡禁不止（${p.report_date}通报后${p.events_after_report}起）`]),
    );
    expect(
      scorecard!
        .slice(1)
        .map((row) => row[0])
        .slice(0, 2),
    ).toEqual(['双公示上报及时率', '双公示数据合规率']);
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
    },
    120_000,
  );
});
