/**
 * A department's export still being written, as a real separate process: `node appendingWriter.mjs` is
 * spawned with the file, the number of rows to write first, the rows to append after, and the pause
 * between appends. Plain JavaScript (no tsx) so it starts in milliseconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uscc } from './codes.js';

export const HEADERS = [
  '行政相对人名称',
  '统一社会信用代码',
  '行政处罚决定书文号',
  '处罚类别',
  '罚款金额（万元）',
  '处罚决定日期',
  '处罚机关',
];
const A = uscc('91350205', 'MA2Y0KXQ');

const SCRIPT = `
const fs = require('node:fs');
const [file, first, more, pauseMs] = process.argv.slice(2).map((v, i) => (i ? Number(v) : v));
const row = (i) => '厦门第' + i + '号企业有限公司,${A},厦海市监罚〔2025〕' + i + '号,罚款,0.1,2025-03-04,厦门市海沧区市场监督管理局\\n';
let text = ${JSON.stringify(HEADERS.join(','))} + '\\n';
for (let i = 1; i <= first; i++) text += row(i);
fs.writeFileSync(file, text);
process.stdout.write('written\\n');
let i = first;
const timer = setInterval(() => {
  if (i >= first + more) { clearInterval(timer); return; }
  i++;
  fs.appendFileSync(file, row(i));
}, pauseMs);
`;

/**
 * Starts the writer; `written` resolves once its first `first` rows are in the file (it appends the rest
 * after), `done` when it has written all `first + more` rows and exited.
 */
export function startWriter(
  file: string,
  first: number,
  more: number,
  pauseMs: number,
): { child: ChildProcess; written: Promise<void>; done: Promise<void> } {
  const script = join(tmpdir(), `appending-writer-${process.pid}.cjs`);
  writeFileSync(script, SCRIPT);
  const child = spawn(process.execPath, [script, file, String(first), String(more), String(pauseMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const written = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('written') && resolve());
    child.on('exit', (code) => reject(new Error(`writer exited ${code} before writing its first rows`)));
  });
  written.catch(() => undefined); // awaited by the tests that need it
  const done = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`)))),
  );
  return { child, written, done };
}
