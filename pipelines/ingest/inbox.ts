/**
 * What the ingest takes from the inbox, what it leaves for the next run and what it skips, each with a
 * reason a clerk can act on (docs/ingest.md, "What the ingest takes, leaves and skips"). Nothing in a
 * source folder is passed over without a line in the summary and the load log.
 */
import { readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { extname, join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import { InputError } from '../../lib/errors.js';
import { isSourceName } from './contracts/index.js';
import type { DeliveredFile } from './loadFile.js';
import { noteOutcome, type FileOutcome } from './outcome.js';
import { fileState, isSettling, markedName, type FileState } from './settle.js';

export interface Candidate extends Omit<DeliveredFile, 'hash'> {
  state: FileState;
  /** The marker file that declared it complete, archived with it. */
  marker: string | null;
}

export interface InboxScan {
  /** Files to read, in delivery order: modification time, then file name, then source. */
  files: Candidate[];
  /** Files refused, left for the next run or skipped, each with its reason. */
  notes: FileOutcome[];
}

export const READABLE_EXTENSIONS = ['.csv', '.xlsx', '.json', '.jsonl', '.ndjson'];

/** Why an entry of a source folder is not a data file to read, or null when it is one. */
function skipReason(source: string, e: Dirent): { message: string; quiet: boolean } | null {
  const here = `inbox/${source}/`;
  if (e.name.startsWith('.')) return { message: '名称以“.”开头，是隐藏文件，不读取', quiet: true };
  if (e.name.startsWith('~$')) return { message: 'Excel 打开文件时留下的临时锁定文件，不读取', quiet: true };
  if (e.isSymbolicLink()) return { message: `是符号链接（快捷方式），不读取：请把文件本身放进 ${here}`, quiet: false };
  if (e.isDirectory()) return { message: `是子文件夹，其中的文件不读取：请把文件直接放进 ${here}`, quiet: false };
  if (!e.isFile()) return { message: '不是普通文件，不读取', quiet: false };
  const ext = extname(e.name).toLowerCase();
  if (ext === '.xls')
    return { message: '是旧版 Excel（.xls）文件，不读取：请另存为 .xlsx 或 CSV 后重新报送', quiet: false };
  if (!READABLE_EXTENSIONS.includes(ext))
    return {
      message: `文件类型“${ext || '（无扩展名）'}”不读取：请报送 CSV、XLSX、JSON 或 JSONL 文件`,
      quiet: false,
    };
  return null;
}

interface ScanOptions {
  now: Date;
  settleSeconds: number;
}

const mtimeOf = (state: FileState) => new Date(Number(state.mtimeNs / 1_000_000n));

/** Splits a source folder's entries into markers (by the data file they mark), data files and skips. */
async function readFolder(source: string, dir: string) {
  const notes: FileOutcome[] = [];
  const markers = new Map<string, string>();
  const data: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const marked = e.isFile() && !e.name.startsWith('.') ? markedName(e.name) : null;
    const skip = marked === null ? skipReason(source, e) : null;
    if (marked !== null) markers.set(marked, e.name);
    else if (skip) {
      const name = e.isDirectory() ? `${e.name}/` : e.name;
      notes.push(noteOutcome(source, name, 'skipped', skip.message, skip.quiet));
    } else data.push(e.name);
  }
  return { notes, markers, data };
}

/**
 * One source folder: the files to take now, and a note for every entry that is not. Where any marker
 * is present, the department uses markers: a file without one is left until its marker arrives.
 */
async function scanSource(dataDir: string, source: string, opts: ScanOptions): Promise<InboxScan> {
  const dir = paths.sourceInbox(dataDir, source);
  const { notes, markers, data } = await readFolder(source, dir);
  const usesMarkers = markers.size > 0;
  const files: Candidate[] = [];
  for (const name of data) {
    const path = join(dir, name);
    const state = await fileState(path);
    const marker = markers.get(name) ?? null;
    markers.delete(name);
    if (marker === null && usesMarkers) {
      notes.push(noteOutcome(source, name, 'left', `等待完成标记文件 ${name}.done 或 ${name}.ok，留待下次读取`));
    } else if (marker === null && isSettling(state, opts.now, opts.settleSeconds)) {
      const message = `文件仍在写入（${opts.settleSeconds} 秒内有改动），留待下次读取`;
      notes.push(noteOutcome(source, name, 'left', message));
    } else files.push({ source, path, name, size: Number(state.size), modifiedAt: mtimeOf(state), state, marker });
  }
  for (const [name, marker] of markers)
    notes.push(noteOutcome(source, marker, 'skipped', `是完成标记文件，但没有对应的数据文件 ${name}`, true));
  return { files, notes };
}

/** Every source folder of the inbox; a file outside one, or a folder that is no source, is refused. */
export async function scanInbox(dataDir: string, opts: ScanOptions): Promise<InboxScan> {
  const files: Candidate[] = [];
  const notes: FileOutcome[] = [];
  for (const e of await readdir(paths.inbox(dataDir), { withFileTypes: true })) {
    if (e.name.startsWith('.')) {
      notes.push(noteOutcome('(inbox)', e.name, 'skipped', '名称以“.”开头，是隐藏文件，不读取', true));
    } else if (!e.isDirectory()) {
      const message = 'a file must be delivered inside its source folder, inbox/<source>/';
      notes.push(noteOutcome('(inbox)', e.name, 'failed', message));
    } else if (!isSourceName(e.name)) {
      for (const f of await readdir(join(paths.inbox(dataDir), e.name), { withFileTypes: true }))
        if (f.isFile() && !f.name.startsWith('.') && !f.name.startsWith('~$'))
          notes.push(noteOutcome(e.name, f.name, 'failed', `inbox/${e.name} is not a source of sources.md`));
    } else {
      const scan = await scanSource(dataDir, e.name, opts);
      files.push(...scan.files);
      notes.push(...scan.notes);
    }
  }
  files.sort(
    (a, b) =>
      a.modifiedAt.getTime() - b.modifiedAt.getTime() ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
  return { files, notes };
}

/**
 * The data directory must exist and hold inbox/: an ingest pointed at a mistyped folder would otherwise
 * create an empty warehouse there and report success.
 */
export async function assertInbox(dataDir: string): Promise<void> {
  const kind = async (p: string) => {
    try {
      return (await stat(p)).isDirectory() ? 'dir' : 'file';
    } catch {
      return 'missing';
    }
  };
  const dir = await kind(dataDir);
  if (dir === 'missing') throw new InputError(`数据目录不存在：${dataDir}（请检查 --data-dir 或 SENTINEL_DATA_DIR）`);
  if (dir === 'file') throw new InputError(`数据目录不是文件夹：${dataDir}（请检查 --data-dir 或 SENTINEL_DATA_DIR）`);
  const inbox = paths.inbox(dataDir);
  if ((await kind(inbox)) !== 'dir')
    throw new InputError(`数据目录 ${dataDir} 中没有 inbox 文件夹：各部门的文件应放在 ${inbox}/<来源>/ 下`);
}
