import type { World } from './types.js';

/** Dates and industry codes: few distinct values, each record holding its own copy. */
const SHARED = /^(\d{4}-\d{2}-\d{2}|[A-T]\d{2,6})$/;

/**
 * Makes every record's dates (and industry codes) point at one string per value. Each is built by
 * its own addDays or concatenation, so a city held about three million copies of some thousand
 * values (≈ 100 MB). Values are unchanged, so the output is too.
 */
export function internWorld(world: World): void {
  const pool = new Map<string, string>();
  const intern = (o: object): void => {
    const rec = o as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      const v = rec[k];
      if (typeof v !== 'string' || v.length > 10 || !SHARED.test(v)) continue;
      const kept = pool.get(v);
      if (kept === undefined) pool.set(v, v);
      else rec[k] = kept;
    }
  };
  const lists = [
    world.entities,
    world.penalties,
    world.licenses,
    world.courtCases,
    world.lists,
    world.commitments,
    world.taxGrades,
    world.ratings,
    world.repairs,
    world.objections,
  ];
  for (const list of lists) for (const r of list as readonly object[]) intern(r);
}
