/** The month's 红黑榜 as a workbook for publication: 红名单, 黑名单 and 本月移出, each titled and numbered. */
import ExcelJS from 'exceljs';
import { CHANGE_LABEL, reasonsText } from '../../../lib/lists/labels.js';
import type { ListRow } from './data.js';
import type { ListsDocument } from './content.js';

function sheet(wb: ExcelJS.Workbook, name: string, d: ListsDocument, columns: string[], rows: (string | number)[][]) {
  const ws = wb.addWorksheet(name);
  ws.addRow([`${d.number} ${d.title}`]).font = { bold: true, size: 14 };
  ws.addRow(['数据截至', d.asOf, '数据版本', d.buildId, '发布日期', d.date]);
  ws.addRow([]);
  ws.addRow(columns).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: ws.rowCount }];
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = [8, 22, 36, 30, 12][i] ?? 12));
}

export async function listsXlsx(d: ListsDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = d.office;
  const change = (r: ListRow) => CHANGE_LABEL[r.change].zh;
  sheet(
    wb,
    '红名单',
    d,
    ['序号', '统一社会信用代码', '主体名称', '变动'],
    d.red.map((r, i) => [i + 1, r.uscc, r.name ?? '', change(r)]),
  );
  sheet(
    wb,
    '黑名单',
    d,
    ['序号', '统一社会信用代码', '主体名称', '列入事由', '变动'],
    d.black.map((r, i) => [i + 1, r.uscc, r.name ?? '', reasonsText('black', r.change, r.reasons, 'zh'), change(r)]),
  );
  sheet(
    wb,
    '本月移出',
    d,
    ['序号', '统一社会信用代码', '主体名称', '移出原因', '榜单'],
    d.left.map((r, i) => [
      i + 1,
      r.uscc,
      r.name ?? '',
      reasonsText(r.list, 'left', r.reasons, 'zh'),
      r.list === 'red' ? '红名单' : '黑名单',
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
