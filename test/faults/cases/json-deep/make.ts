import { join } from 'node:path';
import { A, write } from '../../fixtures.js';

/** A cell nested 100,000 arrays deep. */
export default async function make(dir: string): Promise<void> {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  write(
    join(dir, '水电.json'),
    `[{"主体名称": "甲", "统一社会信用代码": "${A}", "类型": "电费", "账期": "2024-05", "备注": ${deep}}]`,
  );
}
