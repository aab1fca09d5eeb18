/**
 * A confirmed mapping, written into the mapping file: the 表头映射 page's one click and
 * `sentinel headers confirm` both come here. The entry records who confirmed it and when; the file
 * keeps its comments and other entries, is validated as a whole before it replaces the old one, and is
 * written under a lock so the page and the command cannot lose each other's change.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { writeFileAtomic, withFileLock } from '../auth/atomicFile.js';
import { InputError } from '../errors.js';
import { findField, type FieldCatalogue } from './catalogue.js';
import { parseHeaderMappings, type MappingEntry } from './file.js';

export interface Confirmation {
  source: string;
  header: string;
  /** The field by its sources.md header or its column name. */
  field: string;
  /** Narrow the mapping to file names matching this pattern (null: every file of the source). */
  files: string | null;
  by: string;
  at: Date;
}

const HEAD = `# 表头映射：各部门系统导出的列名 → sources.md 的字段（docs/ingest.md「部门的文件被退回了怎么办」）。
# 由信用办在「表头映射」页面确认或用 sentinel headers confirm 写入，也可直接编辑；每次读入时校验。
`;

/** Adds the confirmed header to the file and returns the entry as it now reads. */
export async function confirmMapping(path: string, catalogue: FieldCatalogue, c: Confirmation): Promise<MappingEntry> {
  const source = catalogue[c.source];
  if (!source) throw new InputError(`「${c.source}」不是数据来源`);
  const field = findField(source, c.field);
  if (!field) throw new InputError(`「${c.field}」不是「${source.title}」的字段`);
  if (c.header.trim() === '') throw new InputError('列名不能为空');
  return withFileLock(path, () => {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : HEAD;
    const doc = parseDocument(text);
    if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
    const root = doc.contents as unknown as YAMLMap;
    let list: unknown = root.get('mappings', true);
    if (!isSeq(list)) {
      list = doc.createNode([]);
      root.set('mappings', list);
    }
    const entry: Record<string, unknown> = { source: c.source };
    if (c.files) entry.files = [c.files];
    entry.headers = { [c.header]: field.header };
    entry.confirmed_by = c.by;
    entry.confirmed_at = c.at.toISOString();
    (list as YAMLSeq).add(doc.createNode(entry));
    const next = doc.toString({ lineWidth: 0 });
    // The whole file must still be valid: a header already mapped to another field in this scope is refused.
    const parsed = parseHeaderMappings(next, path, catalogue);
    writeFileAtomic(path, next);
    return parsed.entries.at(-1)!;
  });
}
