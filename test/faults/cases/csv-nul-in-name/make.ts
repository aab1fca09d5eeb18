import { join } from 'node:path';
import { A, B, csvText, write } from '../../fixtures.js';

/** A NUL byte inside a name, as a broken export leaves it. */
export default async function make(dir: string): Promise<void> {
  write(
    join(dir, '水电.csv'),
    csvText([
      ['厦门\0甲公司', A, '电费', '2024-05', '1', '0', '0'],
      ['厦门乙公司', B, '水费', '2024-05', '1', '0', '0'],
    ]),
  );
}
