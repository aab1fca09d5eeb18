/**
 * A delivered file the load refuses. Its message is what a clerk reads in the summary and the load log:
 * Chinese, naming the file and what is wrong with it. The technical detail (a DuckDB or JavaScript
 * message) is kept beside it for the operator's log, never shown as the message.
 */
import { InputError } from '../../lib/errors.js';

export class FileRefused extends InputError {
  constructor(
    readonly fileName: string,
    /** What is wrong, in words a clerk understands, without the file name. */
    readonly problem: string,
    readonly detail: string | null = null,
  ) {
    super(`文件「${fileName}」未入库：${problem}。文件仍留在收件箱，请修正后重新报送`);
    this.name = 'FileRefused';
  }

  /** Set when the file was refused for its header: what the header named. */
  headerNotFound: HeaderNotFound | null = null;
}

/** A refusal found inside a reader, before the file's name is attached (readers see only paths). */
export class ContentRefused extends InputError {
  constructor(
    readonly problem: string,
    readonly detail: string | null = null,
  ) {
    super(problem);
    this.name = 'ContentRefused';
  }
}

/**
 * A CSV whose first line names too few known headers: refused, with what it did name, so the headers of
 * another system's export reach the 表头映射 page and can be mapped.
 */
export class HeaderNotFound extends ContentRefused {
  constructor(
    problem: string,
    readonly headers: readonly string[],
    /** The first records below the header, for sample values. */
    readonly rows: readonly (readonly string[])[],
  ) {
    super(problem);
    this.name = 'HeaderNotFound';
  }
}

/** DuckDB's and JavaScript's messages for the faults a delivered file can have, in a clerk's words. */
const KNOWN: readonly [RegExp, string][] = [
  [
    /Maximum line size|maximum line size/i,
    '有一行或一个字段超过 16 MB，超出可读取的长度（请检查是否混入了附件或图片内容）',
  ],
  [/Maximum call stack|too much recursion/i, 'JSON 内容嵌套层级过深，无法读取'],
  [/Invalid string length|Cannot create a string longer/i, '文件过大，无法作为一个整体读取（JSON 请改为逐行的 JSONL）'],
  [/invalid unicode|Invalid unicode|not valid UTF-8|utf-8/i, '文件中有无法识别的字符编码（请另存为 UTF-8 或 GB18030）'],
  [
    /state machine reached an invalid state|CSV Error|Could not convert|quote/i,
    'CSV 格式有误，无法逐行读取（请检查引号与换行是否成对）',
  ],
  [
    /end of central directory|invalid signature|Corrupted zip|unexpected end|FILE_ENDED|zip/i,
    'Excel 工作簿不完整或已损坏，无法打开（请重新导出后报送）',
  ],
];

/** Any error thrown while reading or loading a file, as the refusal a clerk reads. */
export function refusalOf(fileName: string, e: unknown): FileRefused {
  if (e instanceof FileRefused) return e;
  if (e instanceof ContentRefused) {
    const refused = new FileRefused(fileName, e.problem, e.detail);
    if (e instanceof HeaderNotFound) refused.headerNotFound = e;
    return refused;
  }
  const detail = e instanceof Error ? e.message : String(e);
  const known = KNOWN.find(([re]) => re.test(detail));
  return new FileRefused(fileName, known ? known[1] : '文件内容无法解析（技术细节已记入日志）', detail);
}
