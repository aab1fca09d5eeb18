/** The 红黑榜 document's content from one month of list_history: what the DOCX and the XLSX both print. */
import type { ListsData, ListRow } from './data.js';
import { chineseDate, chinesePeriod } from '../period.js';

export interface ListsDocument {
  office: string;
  number: string;
  title: string;
  /** The issue date, Asia/Shanghai. */
  date: string;
  period: string;
  asOf: string;
  buildId: string;
  summary: string;
  red: ListRow[];
  black: ListRow[];
  left: ListRow[];
}

export function listsDocument(
  data: ListsData,
  o: { office: string; numberPrefix: string; date: string },
): ListsDocument {
  const on = (list: string) => data.rows.filter((r) => r.list === list && r.change !== 'left');
  const count = (list: string, change: string) =>
    data.rows.filter((r) => r.list === list && r.change === change).length;
  const red = on('red');
  const black = on('black');
  const year = data.period.slice(0, 4);
  return {
    office: o.office,
    number: `${o.numberPrefix}〔${year}〕${Number(data.period.slice(5, 7))}号`,
    title: `${chinesePeriod(data.period)}信用红黑榜`,
    date: o.date,
    period: data.period,
    asOf: data.asOf,
    buildId: data.buildId,
    summary:
      `按照守信激励和失信惩戒有关规定，依据截至${chineseDate(data.judgedOn)}归集的信用信息逐月认定，` +
      `本月红名单${red.length}户（新列入${count('red', 'entered')}户、移出${count('red', 'left')}户），` +
      `黑名单${black.length}户（新列入${count('black', 'entered')}户、移出${count('black', 'left')}户）。现予公布。`,
    red,
    black,
    left: data.rows.filter((r) => r.change === 'left'),
  };
}
