import { join } from 'node:path';
import { A, write } from '../../fixtures.js';

/** A JSON Lines record nested 100,000 objects deep. */
export default async function make(dir: string): Promise<void> {
  const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
  write(
    join(dir, '水电.jsonl'),
    `{"主体名称": "甲", "统一社会信用代码": "${A}", "类型": "电费", "账期": "2024-05", "x": ${deep}}\n`,
  );
}
