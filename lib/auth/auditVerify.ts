/** `sentinel audit verify`: walks the chain through every monthly file and names the first broken line. */
import { readFile } from 'node:fs/promises';
import { paths } from '../dataDir.js';
import { auditFiles } from './audit.js';
import { GENESIS, checkLine } from './auditChain.js';

export interface VerifyResult {
  files: number;
  lines: number;
  /** The first line that breaks the chain: its file, 1-based line number and what is wrong. */
  broken: { file: string; line: number; problem: string } | null;
}

export async function verifyAudit(dataDir: string): Promise<VerifyResult> {
  const names = await auditFiles(dataDir);
  let prev = GENESIS;
  let lines = 0;
  for (const file of names) {
    const text = await readFile(paths.auditFile(dataDir, file), 'utf8');
    const all = text.split('\n');
    // A file ends with a newline; anything after the last one is a torn or added partial line.
    if (all[all.length - 1] === '') all.pop();
    for (let i = 0; i < all.length; i++) {
      const check = checkLine(all[i] ?? '', prev);
      if (!check.ok) return { files: names.length, lines, broken: { file, line: i + 1, problem: check.problem } };
      prev = check.hash;
      lines++;
    }
  }
  return { files: names.length, lines, broken: null };
}
