/**
 * Writes data/sample/inbox/: one small extract per source, in the formats departments use, with a few
 * faulty rows so the quarantine has something to show. Run: npx tsx test/ingest/writeSample.ts [DIR]
 */
import { mkdirSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { CASES, encode } from './sourceCases.js';

const out = process.argv[2] ?? 'data/sample';
let minute = 0;
for (const [source, c] of Object.entries(CASES)) {
  const { name, bytes } = await encode(c);
  const dir = join(out, 'inbox', source);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `20250630_${source}${name.slice(name.indexOf('.'))}`);
  writeFileSync(path, bytes);
  const t = new Date(Date.UTC(2025, 5, 30, 1, minute++));
  utimesSync(path, t, t);
}
process.stdout.write(`sample extracts written to ${out}/inbox\n`);
