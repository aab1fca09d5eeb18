/**
 * The header mapping file (sources.md: "Headers that other departmental systems export are mapped by the
 * office in a mapping file"): per source, optionally per file-name pattern or department, a delivered
 * header → a field of sources.md. It is YAML beside sentinel.config.yaml, versioned with the config, and
 * read at the start of every ingest, so a change applies to the files ingested after it.
 *
 * ```yaml
 * mappings:
 *   - source: penalties
 *     files: ['*执法平台*']         # optional: file-name patterns (* and ?)
 *     department: 厦门市海沧生态环境局  # optional: files whose name contains it
 *     headers:
 *       XZCF_ORGNAME: 处罚机关        # the field by its sources.md header (or its column name)
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_CONFIG_PATH } from '../config/load.js';
import { ConfigError } from '../errors.js';
import { findField, type FieldCatalogue } from './catalogue.js';
import { headerKey } from './headerKey.js';

export interface MappingEntry {
  /** 1-based position in the file, for messages. */
  number: number;
  source: string;
  files: string[];
  department: string | null;
  /** Delivered header (as written) → field name. */
  headers: Record<string, string>;
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export interface HeaderMappings {
  path: string;
  entries: MappingEntry[];
}

const ENTRY_KEYS = ['source', 'files', 'department', 'headers', 'confirmed_by', 'confirmed_at', 'note'];

/** Where the mapping file is: `ingest.header_mappings_file`, relative to the folder of sentinel.config.yaml. */
export function headerMappingsPath(file: string): string {
  return isAbsolute(file) ? file : resolve(dirname(DEFAULT_CONFIG_PATH), file);
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const plainText = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** A file-name pattern with `*` and `?`, compared after NFKC with spaces removed. */
export function patternMatches(pattern: string, fileName: string): boolean {
  const re = plainText(pattern)
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, 'i').test(plainText(fileName));
}

/** Whether an entry applies to a file of its source: every pattern given (any one of them) and the department. */
export function entryApplies(e: MappingEntry, fileName: string): boolean {
  if (e.files.length > 0 && !e.files.some((p) => patternMatches(p, fileName))) return false;
  return e.department === null || plainText(fileName).includes(plainText(e.department));
}

const scopeOf = (e: Pick<MappingEntry, 'source' | 'files' | 'department'>) =>
  JSON.stringify([
    e.source,
    [...e.files].map(plainText).sort(),
    e.department === null ? null : plainText(e.department),
  ]);

function textList(v: unknown): string[] | null {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string' && v.trim() !== '') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '')) return v as string[];
  return null;
}

/** One entry of the file, checked against the catalogue; its problems are added to `errors`. */
function readEntry(raw: unknown, number: number, catalogue: FieldCatalogue, errors: string[]): MappingEntry | null {
  const at = `第 ${number} 条映射`;
  if (!isPlain(raw)) {
    errors.push(`${at}应是一组“键: 值”（source、headers …）`);
    return null;
  }
  for (const k of Object.keys(raw))
    if (!ENTRY_KEYS.includes(k)) errors.push(`${at}：不认识的键「${k}」（可用：${ENTRY_KEYS.join('、')}）`);
  const source = typeof raw.source === 'string' ? raw.source.trim() : '';
  const src = catalogue[source];
  if (!src) {
    errors.push(`${at}：source「${source || '（缺失）'}」不是数据来源，应为 ${Object.keys(catalogue).join('、')} 之一`);
    return null;
  }
  const files = textList(raw.files);
  if (files === null) errors.push(`${at}（${source}）：files 应是文件名模式或其列表`);
  const department = raw.department === undefined || raw.department === null ? null : raw.department;
  if (department !== null && (typeof department !== 'string' || department.trim() === ''))
    errors.push(`${at}（${source}）：department 应是部门名称`);
  if (!isPlain(raw.headers) || Object.keys(raw.headers).length === 0) {
    errors.push(`${at}（${source}）：headers 应列出至少一个“送来的列名: 字段”`);
    return null;
  }
  const headers: Record<string, string> = {};
  const byField = new Map<string, string>();
  for (const [header, target] of Object.entries(raw.headers)) {
    const field = typeof target === 'string' ? findField(src, target) : null;
    if (!field) {
      const hint =
        typeof target === 'string'
          ? nearest(
              src.fields.map((f) => f.header),
              target,
            )
          : null;
      errors.push(
        `${at}（${source}）：列「${header}」映射到的「${String(target)}」不是「${src.title}」的字段` +
          (hint ? `（是否指「${hint}」？）` : ''),
      );
      continue;
    }
    const other = src.fields.find(
      (f) => f.name !== field.name && f.known.some((k) => headerKey(k) === headerKey(header)),
    );
    if (other)
      errors.push(
        `${at}（${source}）：列「${header}」本来就是字段「${other.header}」的表头，不能映射到「${field.header}」`,
      );
    const twice = byField.get(field.name);
    if (twice !== undefined)
      errors.push(`${at}（${source}）：字段「${field.header}」被映射了两次：「${twice}」和「${header}」`);
    byField.set(field.name, header);
    headers[header] = field.name;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : null);
  return {
    number,
    source,
    files: files ?? [],
    department: typeof department === 'string' ? department.trim() : null,
    headers,
    confirmed_by: str(raw.confirmed_by),
    confirmed_at: str(raw.confirmed_at),
  };
}

/**
 * Within one scope a delivered header means one field. (One field may take several headers across
 * entries: each entry is one system's export, and two systems name the same field differently.)
 */
function checkScopes(entries: readonly MappingEntry[], catalogue: FieldCatalogue, errors: string[]): void {
  const seen = new Map<string, Map<string, string>>();
  for (const e of entries) {
    const scope = seen.get(scopeOf(e)) ?? new Map<string, string>();
    seen.set(scopeOf(e), scope);
    const label = (name: string) => catalogue[e.source]!.fields.find((f) => f.name === name)?.header ?? name;
    for (const [header, field] of Object.entries(e.headers)) {
      const before = scope.get(headerKey(header));
      if (before !== undefined && before !== field)
        errors.push(
          `第 ${e.number} 条映射（${e.source}）：列「${header}」已在前面映射到「${label(before)}」，又映射到「${label(field)}」`,
        );
      scope.set(headerKey(header), field);
    }
  }
}

/** Reads and validates mapping text; every problem is listed at once, each naming its entry. */
export function parseHeaderMappings(text: string, path: string, catalogue: FieldCatalogue): HeaderMappings {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`表头映射文件 ${path} 不是有效的 YAML：${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return { path, entries: [] };
  const errors: string[] = [];
  const list = isPlain(doc) ? (doc.mappings ?? []) : null;
  if (!isPlain(doc) || Object.keys(doc).some((k) => k !== 'mappings') || !Array.isArray(list))
    throw new ConfigError(`表头映射文件 ${path} 应只有一个键 mappings，其值为映射的列表`);
  const entries = list
    .map((raw, i) => readEntry(raw, i + 1, catalogue, errors))
    .filter((e): e is MappingEntry => e !== null);
  checkScopes(entries, catalogue, errors);
  if (errors.length > 0) throw new ConfigError(`表头映射文件 ${path} 有误：\n  ${errors.join('\n  ')}`);
  return { path, entries };
}

/** The mapping file at `path`; a missing file maps nothing (the office has not mapped anything yet). */
export function loadHeaderMappings(path: string, catalogue: FieldCatalogue): HeaderMappings {
  if (!existsSync(path)) return { path, entries: [] };
  return parseHeaderMappings(readFileSync(path, 'utf8'), path, catalogue);
}

/**
 * What the mapping maps for one file of a source: normalised delivered header → field name. An entry
 * narrowed to files or a department wins over a source-wide one for the same header.
 */
export function mappedHeaders(m: HeaderMappings, source: string, fileName: string): Map<string, string> {
  const out = new Map<string, string>();
  const applying = m.entries.filter((e) => e.source === source && entryApplies(e, fileName));
  const narrow = (e: MappingEntry) => e.files.length > 0 || e.department !== null;
  for (const e of [...applying.filter((x) => !narrow(x)), ...applying.filter(narrow)])
    for (const [header, field] of Object.entries(e.headers)) out.set(headerKey(header), field);
  return out;
}

/** The known name closest to a mistyped one (most shared characters), for "did you mean". */
function nearest(names: readonly string[], typed: string): string | null {
  let best: { name: string; score: number } | null = null;
  for (const name of names) {
    const shared = [...new Set(typed)].filter((c) => name.includes(c)).length;
    const score = shared / Math.max(name.length, typed.length);
    if (score > 0.5 && (!best || score > best.score)) best = { name, score };
  }
  return best?.name ?? null;
}
