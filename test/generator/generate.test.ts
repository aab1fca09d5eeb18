import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { normDocNo } from '../../lib/validate/text.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = [
  'penalties',
  'licenses',
  'court_dishonest',
  'serious_list',
  'attention_list',
  'commitments',
  'tax_credit',
  'public_rating',
  'utilities',
  'enterprises',
  'key_projects',
  'project_parties',
  'repairs',
  'objections',
  'screening_reports',
];
const AS_OF = '2026-06-30';

function run(out: string, seed = 7): string {
  return execFileSync(
    'node',
    [
      join(ROOT, 'bin', 'sentinel.js'),
      'generate',
      '--scale',
      'tiny',
      '--seed',
      String(seed),
      '--as-of',
      AS_OF,
      '--out',
      out,
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

function fingerprint(dir: string): string[] {
  return files(dir).map(
    (f) =>
      `${f.slice(dir.length)} ${statSync(f).mtimeMs} ${createHash('sha256').update(readFileSync(f)).digest('hex')}`,
  );
}

/** Every cell of a delivered file as text, whatever its format and encoding. */
async function cellsOf(path: string): Promise<string[]> {
  if (path.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const out: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void out.push(String(c.text)))));
    return out;
  }
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'gb18030');
  }
  return text.split(/[\r\n,{}":]+/);
}

const json = <T>(dir: string, name: string): T =>
  JSON.parse(readFileSync(join(dir, 'answer-key', `${name}.json`), 'utf8')) as T;

describe('sentinel generate', () => {
  let a: string;
  let b: string;
  let summary: string;

  beforeAll(() => {
    a = mkdtempSync(join(tmpdir(), 'gen-a-'));
    b = mkdtempSync(join(tmpdir(), 'gen-b-'));
    summary = run(a);
    run(b);
  });
  afterAll(() => {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });

  it('gives byte-identical files and identical modification times for the same seed and as-of', () => {
    expect(fingerprint(a).length).toBeGreaterThan(50);
    expect(fingerprint(a)).toEqual(fingerprint(b));
  });

  it('gives a different world for another seed', () => {
    const c = mkdtempSync(join(tmpdir(), 'gen-c-'));
    try {
      run(c, 8);
      expect(fingerprint(c)).not.toEqual(fingerprint(a));
    } finally {
      rmSync(c, { recursive: true, force: true });
    }
  });

  it('prints a one-line summary on stdout', () => {
    expect(summary).toMatch(/^generated \d+ entities, \d+ rows in \d+ files/);
  });

  it('delivers every source of sources.md in files named by their extract date, with that date as mtime', () => {
    for (const s of SOURCES) {
      const names = readdirSync(join(a, 'inbox', s));
      expect(names.length, s).toBeGreaterThan(0);
      for (const n of names) {
        expect(n).toMatch(/^\d{8}_.+\.(csv|xlsx|json|jsonl)$/);
        const mtime = new Date(statSync(join(a, 'inbox', s, n)).mtimeMs + 8 * 3600_000)
          .toISOString()
          .slice(0, 10)
          .replaceAll('-', '');
        expect(mtime, n).toBe(n.slice(0, 8));
      }
    }
  });

  it('mixes the formats departments deliver: UTF-8 with and without BOM, GB18030, XLSX, JSON, JSONL', () => {
    const all = files(join(a, 'inbox'));
    const kinds = new Set(all.map((f) => f.slice(f.lastIndexOf('.') + 1)));
    expect([...kinds].sort()).toEqual(['csv', 'json', 'jsonl', 'xlsx']);
    const csv = all.filter((f) => f.endsWith('.csv')).map((f) => readFileSync(f));
    expect(csv.some((buf) => buf[0] === 0xef && buf[1] === 0xbb)).toBe(true);
    const notUtf8 = csv.filter((buf) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buf);
        return false;
      } catch {
        return true;
      }
    });
    expect(notUtf8.length).toBeGreaterThan(0);
  });

  it('re-delivers a file byte for byte under a later name', () => {
    const dir = join(a, 'inbox', 'penalties');
    const again = readdirSync(dir).filter((n) => n.includes('重报'));
    expect(again).toHaveLength(1);
    const hash = (n: string) =>
      createHash('sha256')
        .update(readFileSync(join(dir, n)))
        .digest('hex');
    const twins = readdirSync(dir).filter((n) => !n.includes('重报') && hash(n) === hash(again[0] as string));
    expect(twins).toHaveLength(1);
  });

  it('writes an answer-key file for every dataset of interfaces.md', () => {
    const datasets = [
      'repeat-violators',
      'cross-domain-violators',
      'persistent-violators',
      'legal-rep-links',
      'key-project-risk',
      'publicity-quality',
      'indicators',
      'sector-heatmap',
      'warnings',
      'quarantine',
      'credit-grades',
      'exits',
      'government-integrity',
      'supervision-indicators',
      'red-list',
      'black-list',
    ];
    for (const d of datasets) expect(Array.isArray(json(a, d)), d).toBe(true);
    expect(
      readdirSync(join(a, 'answer-key'))
        .filter((n) => n.endsWith('.json'))
        .sort(),
    ).toEqual([...datasets, 'planted_cases'].map((d) => `${d}.json`).sort());
  });

  it('records each planted boundary case with why, and the answer key agrees with it', () => {
    const planted = json<{ cases: { case: string; why: string; usccs: string[]; expect: Record<string, unknown> }[] }>(
      a,
      'planted_cases',
    );
    const repeat = json<{ uscc: string; domain: string }[]>(a, 'repeat-violators');
    const cross = json<{ uscc: string }[]>(a, 'cross-domain-violators');
    const persistent = json<{ uscc: string; events_after_report: number }[]>(a, 'persistent-violators');
    const links = json<{ usccs: string[]; entity_count: number }[]>(a, 'legal-rep-links');
    expect(planted.cases.length).toBeGreaterThan(25);
    for (const c of planted.cases) {
      expect(c.why.length, c.case).toBeGreaterThan(10);
      const uscc = c.usccs[0] as string;
      if ('repeat_violator' in c.expect) {
        const domains = repeat
          .filter((r) => r.uscc === uscc)
          .map((r) => r.domain)
          .sort();
        expect(domains, c.case).toEqual(c.expect.repeat_violator);
      }
      if ('cross_domain_violator' in c.expect)
        expect(
          cross.some((r) => r.uscc === uscc),
          c.case,
        ).toBe(c.expect.cross_domain_violator);
      if ('persistent_violator' in c.expect) {
        const row = persistent.find((r) => r.uscc === uscc);
        expect(row !== undefined, c.case).toBe(c.expect.persistent_violator);
        if (row) expect(row.events_after_report).toBe(c.expect.events_after_report);
      }
      if ('legal_rep_link' in c.expect) {
        const link = links.find((l) => c.usccs.every((u) => l.usccs.includes(u)));
        expect(link?.entity_count ?? 0, c.case).toBe(c.expect.legal_rep_link);
      }
    }
  });

  it('never lists a natural person: every flagged USCC is an organisation or individual business code', () => {
    for (const r of json<{ uscc: string }[]>(a, 'repeat-violators'))
      expect(r.uscc).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
    for (const l of json<{ person_id_masked: string }[]>(a, 'legal-rep-links'))
      expect(l.person_id_masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  });

  it('has every counted event of every repeat violator in the inbox', async () => {
    const seen = new Set<string>();
    for (const s of ['penalties', 'court_dishonest', 'commitments']) {
      for (const f of files(join(a, 'inbox', s))) for (const c of await cellsOf(f)) seen.add(normDocNo(c));
    }
    const repeat = json<{ event_ids: string[] }[]>(a, 'repeat-violators');
    expect(repeat.length).toBeGreaterThan(5);
    for (const r of repeat) {
      for (const id of r.event_ids) {
        const [source, key] = id.split(':') as [string, string];
        const docNo = source === 'penalties' ? key.split('|')[1] : key.split('|')[0];
        expect(seen.has(docNo as string), id).toBe(true);
      }
    }
  });

  it('sorts every answer-key dataset by its columns from left to right', () => {
    const repeat = json<{ uscc: string; name: string; domain: string }[]>(a, 'repeat-violators');
    const keys = repeat.map((r) => `${r.uscc}\u0000${r.name}\u0000${r.domain}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('quarantines the rows it damaged, naming the file and the 1-based data row', async () => {
    const c = mkdtempSync(join(tmpdir(), 'gen-q-'));
    try {
      execFileSync(
        'node',
        [
          join(ROOT, 'bin', 'sentinel.js'),
          'generate',
          '--scale',
          'tiny',
          '--seed',
          '3',
          '--as-of',
          AS_OF,
          '--out',
          c,
          '--dirt',
          'missingRequired=0.05',
          '--dirt',
          'unreadableDate=0.03',
        ],
        { stdio: 'ignore' },
      );
      const q = json<
        { source: string; file: string; row_number: number; reason: string; raw: Record<string, string> }[]
      >(c, 'quarantine');
      expect(q.length).toBeGreaterThan(20);
      const reasons = new Set(q.map((r) => r.reason.split(':')[0]));
      expect(reasons).toContain('missing_required');
      expect(reasons).toContain('unreadable_date');
      // The old-generation feeds have no 行政相对人类别: a row without a valid USCC cannot be inferred.
      for (const r of reasons) expect(['missing_required', 'unreadable_date', 'unknown_subject_kind']).toContain(r);
      for (const r of q.filter((x) => x.file.endsWith('.jsonl'))) {
        const lines = readFileSync(join(c, 'inbox', r.source, r.file), 'utf8')
          .trim()
          .split('\n');
        const parsed = JSON.parse(lines[r.row_number - 1] as string) as Record<string, unknown>;
        expect(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v === null ? '' : String(v)]))).toEqual(
          r.raw,
        );
      }
    } finally {
      rmSync(c, { recursive: true, force: true });
    }
  });
});
