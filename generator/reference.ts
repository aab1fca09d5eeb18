import { readFileSync } from 'node:fs';
import { DEFAULT_REFERENCE_DIR, REFERENCE_FILES } from '../lib/reference/files.js';
import { join } from 'node:path';

/** The demo area's township codes (9 digits) from the shipped reference data. */
export function townshipCodes(dir: string = DEFAULT_REFERENCE_DIR): string[] {
  return csvRows(join(dir, REFERENCE_FILES.regions))
    .filter((r) => r.level === 'township' && /^\d{9}$/.test(r.code ?? ''))
    .map((r) => r.code as string)
    .sort();
}

/** Override rows of the working-day calendar: date → is a working day. */
export function calendarOverrides(dir: string = DEFAULT_REFERENCE_DIR): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const r of csvRows(join(dir, REFERENCE_FILES.calendarOverrides))) {
    if (r.date) out.set(r.date, r.is_working_day === 'true' || r.is_working_day === '1');
  }
  return out;
}

/** The reference files are plain comma-separated without quoted commas in the columns read here. */
function csvRows(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? '').replace(/^"|"$/g, '')]));
  });
}
