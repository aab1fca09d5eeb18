/**
 * 移出与修复: the departments' marks of worklist items taken down (DIR/exits/marks.jsonl). A mark is one
 * appended line, like a follow-up action (lib/followUp/store.ts), so the server and the CLI never overwrite
 * each other; builds read the same file (productSource.ts). The item must be on the published worklist and
 * belong to the marking department — the route checks both before it records.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { paths } from '../dataDir.js';
import { parseIsoDate } from '../dates.js';
import { InputError } from '../errors.js';

export interface ExitMark {
  item_id: string;
  department: string;
  /** The day the record was taken down. */
  done_date: string;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export function readMarks(dataDir: string): ExitMark[] {
  const file = paths.exitMarks(dataDir);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as ExitMark];
      } catch {
        return [];
      }
    });
}

/** The earliest mark of each item: the day it was first reported down. */
export function marksByItem(marks: readonly ExitMark[]): Map<string, ExitMark> {
  const out = new Map<string, ExitMark>();
  for (const m of marks) {
    const prev = out.get(m.item_id);
    if (!prev || m.done_date < prev.done_date) out.set(m.item_id, m);
  }
  return out;
}

export interface MarkInput {
  item_id: string;
  department: string;
  /** The item's clock start: a record cannot be taken down for a reason that did not exist yet. */
  trigger_date: string;
  done_date: string;
  /** Today in Asia/Shanghai: a mark may not be dated in the future. */
  today: string;
  note?: string | null;
  recorded_by?: string | null;
}

export function recordMark(dataDir: string, input: MarkInput, now: Date = new Date()): ExitMark {
  if (parseIsoDate(input.done_date) === null)
    throw new InputError(`done date must be YYYY-MM-DD, got "${input.done_date}"`);
  if (input.done_date < input.trigger_date)
    throw new InputError(`done date ${input.done_date} is before the item's start ${input.trigger_date}`);
  if (input.done_date > input.today) throw new InputError(`done date ${input.done_date} is in the future`);
  const note = input.note?.trim() ? input.note.trim().slice(0, 500) : null;
  const mark: ExitMark = {
    item_id: input.item_id,
    department: input.department,
    done_date: input.done_date,
    note,
    recorded_by: input.recorded_by ?? null,
    recorded_at: now.toISOString(),
  };
  const file = paths.exitMarks(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  // After a torn append the file may not end in a newline: start a fresh line so this mark stays whole.
  const torn = existsSync(file) && statSync(file).size > 0 && !readFileSync(file, 'utf8').endsWith('\n');
  appendFileSync(file, `${torn ? '\n' : ''}${JSON.stringify(mark)}\n`);
  return mark;
}
