/**
 * DIR/published.json names the build that readers serve. It is replaced atomically (write a temporary
 * file, fsync, rename), so a reader sees either the old pointer or the new one, never a torn one.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { paths } from '../dataDir.js';

export interface PublishedPointer {
  build_id: string;
  as_of: string;
  /** Path of the build file relative to the data directory. */
  file: string;
  published_at: string;
}

export const pointerPath = paths.pointer;

export function readPointer(dataDir: string): PublishedPointer | null {
  let text: string;
  try {
    text = readFileSync(pointerPath(dataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return JSON.parse(text) as PublishedPointer;
}

export function writePointer(dataDir: string, pointer: PublishedPointer): void {
  const target = pointerPath(dataDir);
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(pointer, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
  // The rename itself must survive a power cut, not only the file's bytes.
  const dirFd = openSync(dataDir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
