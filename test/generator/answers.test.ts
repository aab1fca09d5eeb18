import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';

const ROOT = join(import.meta.dirname, '..', '..');
const AS_OF = '2026-06-30';

function generate(out: string, ...extra: string[]): void {
  execFileSync(
    'node',
    [
      join(ROOT, 'bin', 'sentinel.js'),
      'generate',
      '--scale',
      'tiny',
      '--seed',
      '11',
      '--as-of',
      AS_OF,
      '--out',
      out,
      ...extra,
    ],
    { stdio: 'ignore' },
  );
}

const json = <T>(dir: string, name: string): T =>
  JSON.parse(readFileSync(join(dir, 'answer-key', `${name}.json`), 'utf8')) as T;

/** The text of a delivered file, whatever its format and encoding (header row included). */
async function textOf(path: string): Promise<string> {
  if (path.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const out: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void out.push(String(c.text)))));
    return out.join('\n');
  }
  const bytes = readFileSync(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

interface Case {
  case: string;
  usccs: string[];
  expect: Record<string, unknown>;
}
interface PublicityRecord {
  id: string;
  department: string;
  decision: string;
  timely: boolean;
  compliant: boolean;
}

const COLUMNS: Record<string, string[]> = {
  'key-project-risk': ['project_id', 'project_name', 'risk_level', 'signal_count', 'signals'],
  'publicity-quality': [
    'department',
    'month',
    'records',
    'timely',
    'timely_rate',
    'compliant',
    'compliance_rate',
    'rank',
  ],
  indicators: ['indicator_id', 'value', 'target', 'comparator', 'met'],
  'sector-heatmap': ['sector', 'region_code', 'month', 'events', 'enterprises', 'rate_per_100'],
  warnings: ['warning_id', 'kind', 'subject_id', 'subject_name', 'level', 'status', 'first_seen', 'evidence'],
};

// Keeps a world of its own: it checks the generator through its CLI, at another seed (11) and an as-of in
// another year (2026-06-30) than the run's shared world, and generating alone takes seconds; the shared
// world saves the ingest and build, which this suite never runs.
describe('generated answer key', () => {
  let dir: string;
  let cases: Case[];
  let records: PublicityRecord[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gen-key-'));
    generate(dir);
    cases = json<{ cases: Case[] }>(dir, 'planted_cases').cases;
    records = readFileSync(join(dir, 'answer-key', 'publicity-records.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as PublicityRecord);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each dataset with exactly the columns of interfaces.md, in order', () => {
    for (const [dataset, columns] of Object.entries(COLUMNS)) {
      const rows = json<Record<string, unknown>[]>(dir, dataset);
      expect(rows.length, dataset).toBeGreaterThan(0);
      for (const r of rows) expect(Object.keys(r), dataset).toEqual(columns);
    }
  });

  it('gives each planted project the risk level it was planted for', () => {
    const risk = json<{ project_id: string; risk_level: string; signal_count: number; signals: string[] }[]>(
      dir,
      'key-project-risk',
    );
    const planted = cases.filter((c) => c.case.startsWith('project_'));
    expect(planted.map((c) => c.expect.risk_level).sort()).toEqual(['green', 'orange', 'red', 'yellow']);
    for (const c of planted) {
      const row = risk.find((r) => r.project_id === c.expect.project_id);
      expect(row?.risk_level, c.case).toBe(c.expect.risk_level);
    }
    for (const r of risk) {
      expect(r.signal_count).toBe(r.signals.length);
      expect(r.signals).toEqual([...r.signals].sort());
      expect(r.risk_level === 'green').toBe(r.signals.length === 0);
    }
  });

  it('gives each planted grade case its grade, and every grade its score and factors', () => {
    const grades = json<
      {
        uscc: string;
        grade: string;
        score: number;
        factors: { factor: string; points: number; evidence: string[] }[];
      }[]
    >(dir, 'credit-grades');
    const planted = cases.filter((c) => c.case.startsWith('grade_'));
    expect(planted.map((c) => c.expect.grade).sort()).toEqual(['A', 'C', 'D']);
    for (const c of planted) expect(grades.find((g) => g.uscc === c.usccs[0])?.grade, c.case).toBe(c.expect.grade);
    expect(new Set(grades.map((g) => g.grade))).toEqual(new Set(['A', 'B', 'C', 'D']));
    for (const g of grades) {
      expect(g.score, g.uscc).toBe(100 + g.factors.reduce((n, f) => n + f.points, 0));
      expect(g.factors.map((f) => f.factor)).toEqual(g.factors.map((f) => f.factor).sort());
      for (const f of g.factors) expect(f.evidence.length, `${g.uscc} ${f.factor}`).toBeGreaterThan(0);
      if (g.factors.some((f) => f.factor === 'serious_list' || f.factor === 'court_dishonest'))
        expect(g.grade).toBe('D');
    }
  });

  it('judges the planted 7th-working-day reports timely and the 8th-day reports late', () => {
    const planted = cases.filter((c) => c.case.startsWith('report_day_'));
    expect(planted.length).toBe(4);
    for (const c of planted) {
      const r = records.find((x) => x.id === c.expect.record_id);
      expect(r, c.case).toBeDefined();
      expect(r?.timely, c.case).toBe(c.expect.timely);
      expect(r?.department).toBe(c.expect.department);
    }
  });

  it('aggregates publicity-quality from the per-record verdicts and ranks each month 1, 2, 2, 4', () => {
    const quality = json<
      {
        department: string;
        month: string;
        records: number;
        timely: number;
        timely_rate: number;
        compliant: number;
        compliance_rate: number;
        rank: number;
      }[]
    >(dir, 'publicity-quality');
    for (const q of quality) {
      const mine = records.filter((r) => r.department === q.department && r.decision.slice(0, 7) === q.month);
      expect(q.records).toBe(mine.length);
      expect(q.timely).toBe(mine.filter((r) => r.timely).length);
      expect(q.compliant).toBe(mine.filter((r) => r.compliant).length);
      expect(q.timely_rate).toBe(q.timely / q.records);
      const month = quality.filter((x) => x.month === q.month);
      const better = month.filter(
        (x) =>
          x.compliance_rate > q.compliance_rate ||
          (x.compliance_rate === q.compliance_rate &&
            (x.timely_rate > q.timely_rate || (x.timely_rate === q.timely_rate && x.records > q.records))),
      );
      expect(q.rank, `${q.department} ${q.month}`).toBe(better.length + 1);
    }
    expect(records.some((r) => r.id.startsWith('quarantine:'))).toBe(true);
    expect(records.some((r) => !r.compliant) && records.some((r) => r.compliant)).toBe(true);
  });

  it('has indicators that meet some targets and miss others, publicity ones agreeing with the records', () => {
    const rows = json<{ indicator_id: string; value: number | null; met: boolean }[]>(dir, 'indicators');
    expect(rows).toHaveLength(13);
    expect(rows.some((r) => r.met) && rows.some((r) => !r.met)).toBe(true);
    const year = records.filter((r) => r.decision > '2025-06-30' && r.decision <= AS_OF);
    expect(rows.find((r) => r.indicator_id === 'publicity_timeliness')?.value).toBe(
      year.filter((r) => r.timely).length / year.length,
    );
    expect(rows.find((r) => r.indicator_id === 'publicity_compliance')?.value).toBe(
      year.filter((r) => r.compliant).length / year.length,
    );
    const utility = rows.filter(
      (r) => r.indicator_id.endsWith('_records_ratio') && r.indicator_id !== 'commitment_records_ratio',
    );
    expect(utility.filter((r) => r.met).length).toBeGreaterThan(0);
    expect(utility.filter((r) => !r.met).length).toBeGreaterThan(0);
  });

  it('covers every active (section, region) in all 12 months ending with the as-of month', () => {
    const cells = json<
      {
        sector: string;
        region_code: string;
        month: string;
        events: number;
        enterprises: number;
        rate_per_100: number | null;
      }[]
    >(dir, 'sector-heatmap');
    const months = [...new Set(cells.map((c) => c.month))].sort();
    expect(months).toHaveLength(12);
    expect(months[11]).toBe('2026-06');
    const pairs = new Map<string, number>();
    for (const c of cells)
      if (c.enterprises > 0)
        pairs.set(`${c.sector}|${c.region_code}`, (pairs.get(`${c.sector}|${c.region_code}`) ?? 0) + 1);
    for (const n of pairs.values()) expect(n).toBe(12);
    for (const c of cells) expect(c.rate_per_100).toBe(c.enterprises === 0 ? null : (c.events * 100) / c.enterprises);
    expect(cells.reduce((s, c) => s + c.events, 0)).toBeGreaterThan(0);
  });

  it('raises a warning per flagged entity and per risky project, ids written <kind>:<subject_id>', () => {
    const warnings = json<
      {
        warning_id: string;
        kind: string;
        subject_id: string;
        level: string;
        status: string;
        first_seen: string;
        evidence: string[];
      }[]
    >(dir, 'warnings');
    for (const w of warnings) {
      expect(w.warning_id).toBe(`${w.kind}:${w.subject_id}`);
      expect(w.status).toBe('new');
      expect(w.first_seen).toBe(AS_OF);
      expect(w.evidence.length, w.warning_id).toBeGreaterThan(0);
    }
    expect(new Set(warnings.map((w) => w.warning_id)).size).toBe(warnings.length);
    const ids = new Set(warnings.map((w) => w.warning_id));
    for (const r of json<{ uscc: string }[]>(dir, 'repeat-violators'))
      expect(ids.has(`repeat_violator:${r.uscc}`)).toBe(true);
    for (const r of json<{ uscc: string }[]>(dir, 'persistent-violators'))
      expect(ids.has(`persistent_violator:${r.uscc}`)).toBe(true);
    for (const p of json<{ project_id: string; risk_level: string }[]>(dir, 'key-project-risk')) {
      expect(ids.has(`key_project:${p.project_id}`)).toBe(p.risk_level !== 'green');
    }
  });

  it('delivers full snapshots that leave out entries delivered earlier, which are then removed', async () => {
    const snaps = cases.filter((c) => c.case.startsWith('full_snapshot_'));
    expect(snaps.map((c) => c.expect.source).sort()).toEqual(['attention_list', 'court_dishonest', 'serious_list']);
    for (const c of snaps) {
      const source = c.expect.source as string;
      const file = c.expect.file as string;
      expect(file).toMatch(/^\d{8}_.+_全量\.(csv|xlsx|json|jsonl)$/);
      expect(c.usccs.length, c.case).toBeGreaterThan(0);
      const snapshot = await textOf(join(dir, 'inbox', source, file));
      const earlier = await Promise.all(
        readdirSync(join(dir, 'inbox', source))
          .filter((n) => n !== file && n.slice(0, 8) < file.slice(0, 8))
          .map((n) => textOf(join(dir, 'inbox', source, n))),
      );
      for (const u of c.usccs) {
        expect(snapshot.toUpperCase().replaceAll(' ', '').includes(u), `${u} left out of ${file}`).toBe(false);
        expect(
          earlier.some((t) => t.toUpperCase().replaceAll(' ', '').includes(u)),
          `${u} delivered before ${file}`,
        ).toBe(true);
      }
    }
  });

  it('delivers licences with XK_ headers of both generations besides Chinese headers', async () => {
    const dirL = join(dir, 'inbox', 'licenses');
    const heads = await Promise.all(readdirSync(dirL).map(async (n) => (await textOf(join(dirL, n))).slice(0, 400)));
    expect(heads.some((h) => h.includes('XK_XKJG') && h.includes('XK_XDR_LB'))).toBe(true);
    expect(heads.some((h) => h.includes('XK_XZJG') && h.includes('XK_SPLB') && !h.includes('XK_XDR_LB'))).toBe(true);
    expect(heads.some((h) => h.includes('许可机关'))).toBe(true);
  });

  it('quarantines rows whose subject kind cannot be inferred at the rate asked for', () => {
    const other = mkdtempSync(join(tmpdir(), 'gen-usk-'));
    try {
      generate(other, '--dirt', 'unknownSubjectKind=0.05');
      const q = json<{ source: string; file: string; reason: string; raw: Record<string, string> }[]>(
        other,
        'quarantine',
      );
      const unknown = q.filter((r) => r.reason === 'unknown_subject_kind' && '行政相对人类别' in r.raw);
      expect(unknown.length).toBeGreaterThan(20);
      // The USCC column as the file names it: 统一社会信用代码, or the 双公示 template's 行政相对人代码_1 / -1.
      const usccOf = (raw: Record<string, string>) =>
        Object.entries(raw).find(([h]) => h === '统一社会信用代码' || /^行政相对人代码[_-]1/.test(h))?.[1];
      for (const r of unknown) {
        expect(r.raw.行政相对人类别).toBe('');
        expect(usccOf(r.raw)).toBe('');
        expect(r.raw.证件号码).toBe('');
      }
      expect(new Set(unknown.map((r) => r.source))).toEqual(new Set(['penalties', 'licenses']));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
