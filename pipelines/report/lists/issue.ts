/**
 * `sentinel report lists --period YYYY-MM`: the month's 红黑榜 for publication, as DOCX and XLSX, read from
 * the published build's list_history (any of its history months; docs/rules.md "Red and black lists").
 * The lists themselves never read the clock: only the document's issue date is today in Asia/Shanghai.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../../lib/config/schema.js';
import { paths } from '../../../lib/dataDir.js';
import { todayInShanghai } from '../../../lib/dates.js';
import { InputError } from '../../../lib/errors.js';
import type { Log } from '../../../lib/log.js';
import { openPublished } from '../../../lib/publish/reader.js';
import { parsePeriod } from '../period.js';
import { listsDocument, type ListsDocument } from './content.js';
import { readListsData } from './data.js';
import { listsDocx } from './docx.js';
import { listsXlsx } from './xlsx.js';

export interface ListsReportOptions {
  dataDir: string;
  config: Readonly<Config>;
  period: string;
  outDir?: string;
  asOf?: { value: string; explicit: boolean };
  log: Log;
  now?: () => Date;
}

export interface ListsReportResult {
  document: ListsDocument;
  files: { docx: string; xlsx: string };
}

export async function issueListsReport(opts: ListsReportOptions): Promise<ListsReportResult> {
  const period = parsePeriod(opts.period);
  const published = await openPublished(opts.dataDir);
  try {
    const { as_of: asOf, build_id: buildId } = published.pointer;
    if (opts.asOf?.explicit && opts.asOf.value !== asOf) {
      throw new InputError(`--as-of ${opts.asOf.value} differs from the published build, which is as of ${asOf}`);
    }
    const data = await readListsData(published.db, period.period, asOf, buildId);
    const document = listsDocument(data, {
      office: opts.config.lists.issuing_office,
      numberPrefix: opts.config.lists.number_prefix,
      date: todayInShanghai((opts.now ?? (() => new Date()))()),
    });
    const outDir = opts.outDir ?? paths.periodReports(opts.dataDir, period.period);
    mkdirSync(outDir, { recursive: true });
    const base = join(outDir, `lists-${period.period}`);
    const files = { docx: `${base}.docx`, xlsx: `${base}.xlsx` };
    writeFileSync(files.docx, await listsDocx(document));
    writeFileSync(files.xlsx, await listsXlsx(document));
    opts.log.info(
      { period: period.period, red: document.red.length, black: document.black.length },
      'lists report written',
    );
    return { document, files };
  } finally {
    published.close();
  }
}
