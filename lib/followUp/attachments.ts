/**
 * 佐证材料: the file a department attaches to a recorded measure (issue 18 item 8). The product keeps it
 * under DIR/reports/attachments/ (directory 0700, files 0600, like the other private state), named by a
 * random id, never by the uploaded name. A file is accepted by its content, not its name: the first
 * bytes must be those of a configured kind and the name's extension must agree, and it must not exceed
 * `reports.attachments.max_bytes`.
 */
import { randomBytes, createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { productFiles } from './productSources.js';

export type AttachmentType = 'pdf' | 'jpeg' | 'png' | 'docx' | 'xlsx' | 'ofd';

export interface Attachment {
  id: string;
  /** The uploaded name, cleaned: what the download is called. */
  name: string;
  type: AttachmentType;
  bytes: number;
  sha256: string;
}

export const CONTENT_TYPES: Readonly<Record<AttachmentType, string>> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
};

const EXTENSIONS: Readonly<Record<AttachmentType, readonly string[]>> = {
  pdf: ['pdf'],
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  ofd: ['ofd'],
};

const starts = (b: Buffer, bytes: readonly number[]) => bytes.every((x, i) => b[i] === x);

/** The kind of a file by its first bytes (and, for the zip-based kinds, the part names inside). */
export function sniff(data: Buffer): AttachmentType | null {
  if (starts(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (starts(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(data, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip's entry names are stored in clear: enough to tell Word, Excel and OFD apart.
    const names = data.toString('latin1');
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    if (names.includes('OFD.xml')) return 'ofd';
  }
  return null;
}

/** A name safe to show and to send back: no path, no control characters, at most 100 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '').trim();
  return [...clean].slice(-100).join('') || '佐证材料';
}

export const LABEL: Readonly<Record<AttachmentType, string>> = {
  pdf: 'PDF',
  jpeg: 'JPEG',
  png: 'PNG',
  docx: 'Word (.docx)',
  xlsx: 'Excel (.xlsx)',
  ofd: 'OFD',
};

/** Checks an upload; throws an InputError in Chinese the form shows as it is. */
export function checkAttachment(
  name: string,
  data: Buffer,
  limits: { max_bytes: number; types: readonly string[] },
): { name: string; type: AttachmentType } {
  if (data.length === 0) throw new InputError('佐证材料为空文件');
  if (data.length > limits.max_bytes)
    throw new InputError(`佐证材料不能超过 ${(limits.max_bytes / 1024 / 1024).toFixed(1)} MB`);
  const allowed = limits.types.map((t) => LABEL[t as AttachmentType] ?? t).join('、');
  const type = sniff(data);
  if (!type || !limits.types.includes(type)) throw new InputError(`佐证材料只能是 ${allowed} 文件`);
  const clean = cleanName(name);
  const ext = clean.includes('.') ? clean.slice(clean.lastIndexOf('.') + 1).toLowerCase() : '';
  if (!EXTENSIONS[type].includes(ext)) throw new InputError(`文件名“${clean}”的扩展名与内容（${LABEL[type]}）不符`);
  return { name: clean, type };
}

const ID = /^[0-9a-f]{32}$/;
const fileOf = (dataDir: string, id: string) => join(productFiles.attachments(dataDir), id);

/** Stores a checked upload with private modes and returns what the action line keeps of it. */
export function storeAttachment(
  dataDir: string,
  name: string,
  data: Buffer,
  limits: { max_bytes: number; types: readonly string[] },
): Attachment {
  const checked = checkAttachment(name, data, limits);
  mkdirSync(productFiles.attachments(dataDir), { recursive: true, mode: 0o700 });
  const id = randomBytes(16).toString('hex');
  const fd = openSync(fileOf(dataDir, id), 'wx', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { id, ...checked, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

export function readAttachment(dataDir: string, id: string): Buffer | null {
  if (!ID.test(id)) return null;
  const file = fileOf(dataDir, id);
  return existsSync(file) ? readFileSync(file) : null;
}
