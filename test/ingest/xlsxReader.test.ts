/**
 * The product's XLSX reader (pipelines/ingest/readers/xlsx/) against exceljs's streaming reader, the one
 * it replaced: on workbooks exceljs writes (and on every XLSX case of the fault corpus) both give the
 * same rows, cell for cell. Then what exceljs never writes but other writers do, part by part.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { openWorkbook } from '../../pipelines/ingest/readers/xlsx/workbook.js';
import { handmadeXlsx, inlineRows } from './handmadeXlsx.js';
import { tempDataDir, xlsx } from './helpers.js';

type Sheet = { name: string; rows: [number, (string | null)[]][] };

async function productRows(path: string): Promise<Sheet[]> {
  const wb = await openWorkbook(path);
  try {
    const out: Sheet[] = [];
    for (const s of wb.sheets) {
      const rows: Sheet['rows'] = [];
      for await (const batch of s.rows()) for (const r of batch) rows.push([r.number, r.cells]);
      out.push({ name: s.name, rows });
    }
    return out;
  } finally {
    wb.close();
  }
}

// The reader this one replaced, as it turned exceljs's cell values into text.
const pad = (n: number) => String(n).padStart(2, '0');
function exceljsText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const date = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const [h, m, s] = [v.getUTCHours(), v.getUTCMinutes(), v.getUTCSeconds()];
    return h || m || s ? `${date} ${pad(h)}:${pad(m)}:${pad(s)}` : date;
  }
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('result' in o) return exceljsText(o.result);
  if ('formula' in o || 'sharedFormula' in o) return null;
  if ('text' in o) return exceljsText(o.text);
  if ('error' in o) return String(o.error);
  return String(v as string);
}

async function exceljsRows(path: string): Promise<Sheet[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const out: Sheet[] = [];
  for await (const ws of reader) {
    const rows: Sheet['rows'] = [];
    for await (const row of ws) {
      const cells = (Array.isArray(row.values) ? row.values.slice(1) : []).map((v) => exceljsText(v));
      while (cells.length && (cells.at(-1) === null || cells.at(-1)!.trim() === '')) cells.pop();
      rows.push([row.number, Array.from(cells, (c) => c ?? null)]);
    }
    out.push({ name: (ws as unknown as { name: string }).name, rows });
  }
  return out;
}

/** Blank rows are skipped by the ingest either way; exceljs emits some that the XML holds empty. */
const withoutBlankRows = (sheets: Sheet[]) =>
  sheets.map((s) => ({ ...s, rows: s.rows.filter(([, c]) => c.some((v) => v !== null && v.trim() !== '')) }));

function saved(dir: string, name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('the XLSX reader, against exceljs', () => {
  it('reads the same cells from a workbook exceljs writes: title rows, dates, numbers, rich text, formulas', async () => {
    const dir = tempDataDir('xlsx-reader-');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('处罚 & 许可');
    ws.addRow(['2025年3月行政处罚信息 <导出>']);
    ws.addRow([]);
    ws.addRow(['主体名称', '金额', '日期', '时间', '布尔', '公式', '富文本', '错误', '空', '超链接']);
    const rows: unknown[][] = [
      [
        '厦门甲公司',
        0.1 + 0.2,
        new Date('2025-03-04T00:00:00Z'),
        new Date('2025-03-04T08:30:15Z'),
        true,
        { formula: 'B4*2', result: 0.6 },
        { richText: [{ text: '厦门' }, { font: { bold: true }, text: '乙公司' }] },
        { error: '#N/A' },
        null,
        { text: '链接', hyperlink: 'http://example.invalid/' },
      ],
      [
        '"引号" \'单引号\' &amp; <尖括号>',
        -3.5,
        new Date('1999-12-31T00:00:00Z'),
        null,
        false,
        { formula: '"a"&"b"', result: 'ab' },
      ],
      ['𠀀𪚥 罕用字', 12345678901234568, 1e-7, 120, null, null, '  前后空格  '],
    ];
    for (const r of rows) {
      const row = ws.addRow(r);
      row.getCell(3).numFmt = 'yyyy-mm-dd';
      row.getCell(4).numFmt = 'yyyy-mm-dd hh:mm:ss';
    }
    // Cells far right of the rest, and a second sheet.
    ws.getCell('AB7').value = '远处的单元格';
    wb.addWorksheet('第二页').addRow(['只有一格']);
    const path = saved(dir, 'a.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const got = await productRows(path);
    expect(withoutBlankRows(got)).toEqual(withoutBlankRows(await exceljsRows(path)));
    expect(got[0]!.rows.find(([n]) => n === 4)![1].slice(0, 8)).toEqual([
      '厦门甲公司',
      '0.30000000000000004',
      '2025-03-04',
      '2025-03-04 08:30:15',
      'true',
      '0.6',
      '厦门乙公司',
      '#N/A',
    ]);
  });

  it('reads the same cells from a streamed workbook with shared strings (the benchmark writer) and 3,000 rows', async () => {
    const dir = tempDataDir('xlsx-reader-');
    const path = join(dir, 'stream.xlsx');
    const w = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
    const ws = w.addWorksheet('行政处罚');
    ws.addRow(['厦门市海沧区行政处罚信息公示表']).commit();
    ws.addRow(['主体名称', '决定日期', '罚款金额（万元）']).commit();
    for (let i = 0; i < 3000; i++) {
      const row = ws.addRow([`厦门第${i}号鑫達貿易有限公司`, new Date(Date.UTC(2020, 0, 1 + i)), i / 7]);
      row.getCell(2).numFmt = 'yyyy"年"m"月"d"日"';
      row.commit();
    }
    ws.commit();
    await w.commit();
    const got = await productRows(path);
    expect(got[0]!.rows).toHaveLength(3002);
    expect(withoutBlankRows(got)).toEqual(withoutBlankRows(await exceljsRows(path)));
  });

  it('reads the same cells from every XLSX case of the fault corpus that exceljs can open', async () => {
    const cases = join(import.meta.dirname, '..', 'faults', 'cases');
    let compared = 0;
    for (const name of readdirSync(cases).filter((n) => n.startsWith('xlsx-'))) {
      const expected = JSON.parse(readFileSync(join(cases, name, 'expected.json'), 'utf8')) as { outcome: string };
      if (expected.outcome === 'refused' || !existsSync(join(cases, name, 'make.ts'))) continue;
      const dir = join(tempDataDir('xlsx-corpus-'), name);
      mkdirSync(dir);
      const mod = (await import(pathToFileURL(join(cases, name, 'make.ts')).href)) as {
        default: (d: string) => Promise<void>;
      };
      await mod.default(dir);
      for (const f of readdirSync(dir)) {
        const path = join(dir, f);
        const got = await productRows(path);
        // Handmade cases hold what exceljs misreads (inline rich text, prefixed elements): checked below.
        if (name !== 'xlsx-handmade-parts') {
          expect(withoutBlankRows(got), name).toEqual(withoutBlankRows(await exceljsRows(path)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });
});

describe('the XLSX reader, on what other writers produce', () => {
  it('reads inline and shared strings, rich runs, phonetic guides, booleans, numbers, date serials and entities', async () => {
    const dir = tempDataDir('xlsx-reader-');
    const rows =
      // No r= on the row or on its cells: the next row and the next column.
      `<row><c t="inlineStr"><is><t>名称</t></is></c><c t="inlineStr"><is><t>金额</t></is></c></row>` +
      `<row r="3"><c r="A3" t="inlineStr"><is><r><t>厦门</t></r><r><rPr><b/></rPr><t xml:space="preserve">甲 </t></r><rPh sb="0" eb="2"><t>xiamen</t></rPh></is></c>` +
      `<c r="C3" t="s"><v>0</v></c><c r="D3" t="s"><v>1</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="b"><v>0</v></c>` +
      `<c r="G3"><v>0.30</v></c><c r="H3"><v>1E-3</v></c><c r="I3" s="1"><v>45720</v></c><c r="J3" s="2"><v>45720.5</v></c>` +
      `<c r="K3" s="3"><v>45720</v></c><c r="L3" t="str"><f>A1</f><v>&lt;公式&gt; &amp; &#x4E2D;&#20013;</v></c>` +
      `<c r="M3" t="e"><v>#DIV/0!</v></c><c r="N3" t="inlineStr"><is><t>第一行_x000D_\r\n第二行</t></is></c>` +
      `<c r="O3" t="inlineStr"><is><t><![CDATA[<不是标签> & 原样]]></t></is></c><c r="P3" t="d"><v>2025-03-04T00:00:00</v></c>` +
      `<c r="Q3" s="1"><f>TODAY()</f><v>45720</v></c><c r="R3"/><c r="S3" t="s"><v>2</v></c><c r="T3"><v></v></c></row>` +
      `<row r="4"><c r="B4" t="inlineStr"><is><t>  </t></is></c></row>` +
      `<row><c t="inlineStr"><is><t>第五行</t></is></c></row>`;
    const path = saved(
      dir,
      'hand.xlsx',
      await handmadeXlsx({
        sheets: [{ name: '表 & 一', rows }],
        sharedStrings: [
          '<r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r>',
          '<t>假名</t><rPh sb="0" eb="1"><t>かな</t></rPh>',
          '<t/>',
        ],
        numFmts: '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>',
        cellXfs: [0, 14, 22, 176],
      }),
    );
    const [sheet] = await productRows(path);
    expect(sheet!.name).toBe('表 & 一');
    expect(sheet!.rows.map(([n]) => n)).toEqual([1, 3, 4, 5]);
    expect(sheet!.rows[0]![1]).toEqual(['名称', '金额']);
    expect(sheet!.rows[1]![1]).toEqual([
      '厦门甲 ',
      null,
      '富文本',
      '假名',
      'true',
      'false',
      '0.3',
      '0.001',
      '2025-03-04',
      '2025-03-04 12:00:00',
      '2025-03-04',
      '<公式> & 中中',
      '#DIV/0!',
      '第一行\r\n第二行',
      '<不是标签> & 原样',
      '2025-03-04',
      '2025-03-04',
    ]);
    expect(sheet!.rows[2]![1]).toEqual([]);
    expect(sheet!.rows[3]![1]).toEqual(['第五行']);
  });

  it('reads a cell the same whether it is packed as `<v>…</v></c>` (read in one go) or spread out', async () => {
    const dir = tempDataDir('xlsx-reader-');
    const packed = (n: number) =>
      `<row r="${n}"><c r="A${n}" t="s"><v>0</v></c><c r="B${n}" t="str"><v>&lt;甲&gt; &amp; 乙</v></c>` +
      `<c r="C${n}"><v>0.50</v></c><c r="D${n}" s="1"><v>45720</v></c><c r="E${n}" t="b"><v>1</v></c></row>`;
    const spread = (n: number) =>
      `<row r="${n}"><c r="A${n}" t="s">\n  <v>0</v>\n</c><c r="B${n}" t="str"><v>&lt;甲&gt; &amp; 乙</v> </c>` +
      `<c r="C${n}"><v>0.5<!-- 注释 --></v></c><c r="D${n}" s="1"><f>TODAY()</f><v>45720</v></c>` +
      `<c r="E${n}" t="b"><v>1</v></c></row>`;
    const path = saved(
      dir,
      'shapes.xlsx',
      await handmadeXlsx({
        sheets: [{ name: 'S', rows: packed(1) + spread(2) + packed(3) }],
        sharedStrings: ['<t>共享</t>'],
        cellXfs: [0, 14],
      }),
    );
    const cells = ['共享', '<甲> & 乙', '0.5', '2025-03-04', 'true'];
    expect((await productRows(path))[0]!.rows).toEqual([
      [1, cells],
      [2, cells],
      [3, cells],
    ]);
  });

  it('reads the 1904 date system and elements with a namespace prefix (the .NET SDK writes x:row)', async () => {
    const dir = tempDataDir('xlsx-reader-');
    const rows = '<x:row r="1"><x:c r="A1" s="1"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row>';
    const path = saved(
      dir,
      'prefixed.xlsx',
      await handmadeXlsx({
        sheets: [{ name: 'S', rows }],
        sharedStrings: ['<x:t>前缀</x:t>'],
        cellXfs: [0, 14],
        date1904: true,
        prefix: 'x',
      }),
    );
    expect((await productRows(path))[0]!.rows).toEqual([[1, ['1904-01-01', '前缀']]]);
  });

  it('reads a workbook whose shared-strings part is stored empty (0 bytes, no compression)', async () => {
    const dir = tempDataDir('xlsx-reader-');
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(
      await handmadeXlsx({ sheets: [{ name: 'S', rows: inlineRows([['甲', '乙']]) }] }),
    );
    zip.file('xl/sharedStrings.xml', '', { compression: 'STORE' });
    const path = saved(dir, 'empty-sst.xlsx', await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await productRows(path))[0]!.rows).toEqual([[1, ['甲', '乙']]]);
  });

  it('refuses a part that is not UTF-8 instead of reading U+FFFD into a cell', async () => {
    const dir = tempDataDir('xlsx-reader-');
    const bytes = await handmadeXlsx({ sheets: [{ name: 'S', rows: inlineRows([['好']]) }] });
    // Re-pack the sheet with the GBK bytes of 好 (0xBA 0xC3) where UTF-8 is required.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('nodebuffer');
    const at = xml.indexOf(Buffer.from('好'));
    zip.file(
      'xl/worksheets/sheet1.xml',
      Buffer.concat([xml.subarray(0, at), Buffer.from([0xba, 0xc3]), xml.subarray(at + 3)]),
    );
    const path = saved(dir, 'gbk.xlsx', await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await expect(productRows(path)).rejects.toThrow(/not UTF-8/);
  });
});

describe('an XLSX written by the test helper', () => {
  it('reads as exceljs does (the helper every ingest test uses)', async () => {
    const dir = tempDataDir('xlsx-reader-');
    const bytes = await xlsx([
      {
        name: '处罚',
        title: '标题',
        headers: ['a', 'b'],
        rows: [
          ['x', new Date('2025-01-02T00:00:00Z')],
          [null, 3],
        ],
      },
    ]);
    const path = saved(dir, 'h.xlsx', bytes);
    expect(withoutBlankRows(await productRows(path))).toEqual(withoutBlankRows(await exceljsRows(path)));
  });
});
