/**
 * The planted exits and government-integrity cases (generator/world/plantedExits.ts) agree with the answer
 * key the generator writes beside them, so the answer-key comparison of test/models/answer-key.test.ts checks
 * each rule on a case made for it: read from the run's shared world (generated, not built, for this).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedWorldDir } from '../sharedWorld/index.js';

type Case = { case: string; usccs: string[]; expect: Record<string, unknown> };
type Row = Record<string, unknown>;

let dir: string;
const key = <T = Row[]>(name: string): T =>
  JSON.parse(readFileSync(join(dir, 'answer-key', `${name}.json`), 'utf8')) as T;
let cases: Map<string, Case>;

beforeAll(async () => {
  dir = await sharedWorldDir();
  cases = new Map(key<{ cases: Case[] }>('planted_cases').cases.map((c) => [c.case, c]));
}, 600_000);

describe('planted exits and government bodies in the answer key', () => {
  it('has each exits case as an item with its kind, clock, due date and status', () => {
    const exits = new Map(key('exits').map((r) => [r.item_id as string, r]));
    for (const name of [
      'exit_publication_ended',
      'exit_repair_decided',
      'exit_serious_list_repaired',
      'exit_serious_list_removed_in_time',
    ]) {
      const c = cases.get(name)!;
      const { item_id, ...want } = c.expect;
      expect(exits.get(item_id as string), name).toMatchObject({ uscc: c.usccs[0], ...want });
    }
  });

  it('has no item for a serious-list entry repaired before its minimum period ends', () => {
    const c = cases.get('exit_serious_list_before_minimum')!;
    expect(key('exits').filter((r) => r.uscc === c.usccs[0])).toEqual([]);
  });

  it('lists the planted 机关 and 事业单位 with their evidence, each with a red warning, and counts 双清零', () => {
    const bodies = new Map(key('government-integrity').map((r) => [r.uscc as string, r]));
    const warnings = new Map(key('warnings').map((r) => [r.warning_id as string, r]));
    for (const name of ['government_court_listed', 'government_utility_arrears']) {
      const c = cases.get(name)!;
      const { warning, ...want } = c.expect;
      expect(bodies.get(c.usccs[0]!), name).toMatchObject(want);
      expect(warnings.get(`${warning as string}:${c.usccs[0]}`), name).toMatchObject({
        kind: 'government_integrity',
        level: 'red',
        evidence: want.evidence,
      });
    }
    const court = key('supervision-indicators').find((r) => r.indicator_id === 'government_court_listed');
    expect(court).toMatchObject({ target: 0, comparator: '<=', met: false });
    expect(court!.value).toBe([...bodies.values()].filter((b) => (b.court_case_count as number) > 0).length);
  });
});
