/**
 * The follow-up clock (issue 18 item 6), 逾期办结 (item 8) and the checks on 佐证材料, on a data directory
 * written by hand: one report of old data (the demo's case) and one of current data.
 */
import { mkdtempSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAttachment, readAttachment, sniff, storeAttachment } from '../../lib/followUp/attachments.js';
import { addWorkingDaysTo, reportClock, workingDaysBetween } from '../../lib/followUp/clock.js';
import { productFiles, type IssuedReport } from '../../lib/followUp/productSources.js';
import { completionByDepartment, listAssignments, recordAction } from '../../lib/followUp/store.js';
import { parseMultipart } from '../../server/routes/multipart.js';

const USCC = '91350205MA2Y0KXQ1A';
const DEPT = '厦门市海沧区市场监督管理局';

function report(no: string, period: string, asOf: string, issuedAt: string, due: string): IssuedReport {
  return {
    report_no: no,
    period,
    as_of: asOf,
    build_id: 'b1',
    issued_at: issuedAt,
    departments: [DEPT],
    entries: [{ uscc: USCC, name: '厦门钟表有限公司', report_type: '同一领域频繁违法', domain: 'market' }],
    assignments: [
      { uscc: USCC, name: '厦门钟表有限公司', department: DEPT, role: 'lead', measure: '告知', due_date: due },
    ],
  };
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clock-'));
  mkdirSync(productFiles.dir(dir), { recursive: true });
  writeFileSync(
    productFiles.issued(dir),
    [
      // Old data, issued almost a year after its as-of (as the demo does): its own clock.
      report('旧〔2025〕1号', '2025-12', '2025-12-31', '2026-12-07T01:00:00Z', '2026-01-15'),
      // Current data, issued on the 5th after the month's end: the real date.
      report('新〔2026〕1号', '2026-11', '2026-11-30', '2026-12-05T01:00:00Z', '2026-12-14'),
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  return dir;
}

describe('the follow-up clock', () => {
  it('counts working days on the official calendar (holidays and adjusted working days)', () => {
    // Friday to Monday is one working day; ten after 2025-12-31 skip 元旦 (the due date the demo's circular gets).
    expect(workingDaysBetween('2026-12-04', '2026-12-07')).toBe(1);
    expect(addWorkingDaysTo('2025-12-31', 0)).toBe('2025-12-31');
    expect(addWorkingDaysTo('2025-12-31', 10)).toBe('2026-01-15');
  });

  it('judges a report of old data at its as-of plus the working days since its issue, a current one at today', () => {
    const dir = dataDir();
    const at = (today: string) =>
      Object.fromEntries(
        listAssignments(dir, { date: today, clock: reportClock(today, 31) }).map((a) => [
          a.report_no,
          [a.status_date, a.status],
        ]),
      );
    // The day of issue: pending, not overdue although the due date is long past in real time.
    expect(at('2026-12-07')).toEqual({
      '旧〔2025〕1号': ['2025-12-31', 'pending'],
      '新〔2026〕1号': ['2026-12-07', 'pending'],
    });
    // Ten working days later the old report reaches its due date; the eleventh makes it overdue.
    const ten = addWorkingDaysTo('2026-12-07', 10);
    expect(at(ten)['旧〔2025〕1号']).toEqual(['2026-01-15', 'pending']);
    expect(at(addWorkingDaysTo('2026-12-07', 11))['旧〔2025〕1号']).toEqual(['2026-01-16', 'overdue']);
    expect(at('2026-12-15')['新〔2026〕1号']).toEqual(['2026-12-15', 'overdue']);
  });

  it('shows a measure dated after the due date as 逾期办结: done, and counted late', () => {
    const dir = dataDir();
    recordAction(dir, {
      report_no: '新〔2026〕1号',
      uscc: USCC,
      department: DEPT,
      measure: '告知',
      action_date: '2026-12-16',
    });
    recordAction(dir, {
      report_no: '旧〔2025〕1号',
      uscc: USCC,
      department: DEPT,
      measure: '告知',
      action_date: '2025-12-31',
    });
    const rows = listAssignments(dir, { date: '2026-12-16', clock: reportClock('2026-12-16', 31) });
    expect(rows.map((a) => [a.report_no, a.status, a.late])).toEqual([
      ['旧〔2025〕1号', 'done', false],
      ['新〔2026〕1号', 'done', true],
    ]);
    expect(completionByDepartment(rows)).toEqual([
      { department: DEPT, assigned: 2, done: 2, done_late: 1, pending: 0, overdue: 0, completion_rate: 1 },
    ]);
  });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const LIMITS = { max_bytes: 1024, types: ['pdf', 'png', 'docx'] };

describe('佐证材料', () => {
  it('is recognised by its content, and its name must agree', () => {
    expect(sniff(PDF)).toBe('pdf');
    expect(sniff(PNG)).toBe('png');
    expect(sniff(Buffer.from('PK\u0003\u0004....word/document.xml', 'latin1'))).toBe('docx');
    expect(sniff(Buffer.from('MZ executable'))).toBeNull();
    expect(checkAttachment('../../约谈记录.pdf', PDF, LIMITS)).toEqual({ name: '约谈记录.pdf', type: 'pdf' });
    expect(() => checkAttachment('照片.png', PDF, LIMITS)).toThrow('扩展名与内容（PDF）不符');
    expect(() => checkAttachment('a.exe', Buffer.from('MZ'), LIMITS)).toThrow('只能是 PDF、PNG、Word (.docx) 文件');
    expect(() => checkAttachment('big.pdf', Buffer.concat([PDF, Buffer.alloc(2000)]), LIMITS)).toThrow('不能超过');
    expect(() => checkAttachment('empty.pdf', Buffer.alloc(0), LIMITS)).toThrow('空文件');
  });

  it('is stored under a random id with private modes and read back only by a well-formed id', () => {
    const dir = dataDir();
    const a = storeAttachment(dir, '告知书.pdf', PDF, LIMITS);
    expect(a).toMatchObject({ name: '告知书.pdf', type: 'pdf', bytes: PDF.length });
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    const file = join(productFiles.attachments(dir), a.id);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(productFiles.attachments(dir)).mode & 0o777).toBe(0o700);
    expect(readAttachment(dir, a.id)).toEqual(PDF);
    expect(readAttachment(dir, '../issued.jsonl')).toBeNull();
  });
});

describe('multipart/form-data', () => {
  it('splits text fields and one file part, names in UTF-8', () => {
    const b = 'XyZb0undary';
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\ntok\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\n已约谈\r\n`),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="attachment"; filename="记录.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const m = parseMultipart(body, `multipart/form-data; boundary=${b}`);
    expect(m.fields).toEqual({ csrf: 'tok', note: '已约谈' });
    expect(m.file).toEqual({ field: 'attachment', name: '记录.pdf', data: PDF });
    expect(() => parseMultipart(Buffer.from('nothing'), 'multipart/form-data')).toThrow('boundary');
  });
});
