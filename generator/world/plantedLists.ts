import type { PlantedCase } from './planted.js';
import type { Entity, World } from './types.js';

/**
 * Planted cases of the red and black lists (docs/rules.md "Red and black lists"). They add no record: each
 * names an entity whose records, planted or random, already decide its place on the lists, so every other
 * answer stays byte for byte what it was (a new record would move credit grades, indicators or exits).
 */
export interface ListPlantContext {
  /** Planted with an active serious-list entry (the red project's party). */
  serious: Entity;
  /** Planted as a persistent violator (reported, an event since, still a repeat violator). */
  persistent: Entity;
}

export function plantListCases(world: World, ctx: ListPlantContext): PlantedCase[] {
  const red = redCandidate(world);
  return [
    ...(red
      ? [
          {
            case: 'red_list_clean_a_taxpayer',
            why: 'an active register entity with a latest tax grade A, no penalty, court case, commitment or list entry of its own, and a rating no worse than 良: grade A, on the red list',
            usccs: [red.uscc],
            expect: { list: 'red' },
          },
        ]
      : []),
    {
      case: 'black_list_serious_entry',
      why: 'an active serious-list entry listed 90 days before as-of: on the black list',
      usccs: [ctx.serious.uscc],
      expect: { list: 'black', reasons: ['serious_list'] },
    },
    {
      case: 'black_list_persistent_violator',
      why: 'a persistent violator at as-of: on the black list without any list entry',
      usccs: [ctx.persistent.uscc],
      expect: { list: 'black', reasons: ['persistent_violator'] },
    },
  ];
}

/**
 * The entity planted with a serious-list entry that the next full snapshot leaves out: it leaves the black
 * list in that snapshot's month. Named after the snapshots are delivered (generate.ts), when the month is
 * known, and outside plantCases so the snapshots' random omissions, which skip planted entities, stay put.
 */
export function removedListCase(world: World): PlantedCase[] {
  const e = world.lists.find((l) => l.list === 'serious' && l.omitFromSnapshot && l.snapshotRemoved !== null);
  const entity = e?.subject.entityIdx != null ? world.entities[e.subject.entityIdx] : undefined;
  if (!e || !entity) return [];
  return [
    {
      case: 'black_list_left_removed',
      why: `listed ${e.listed}, left out of the full snapshot of ${e.snapshotRemoved}: left the black list that month`,
      usccs: [entity.uscc],
      expect: {
        list: 'black',
        month: e.snapshotRemoved!.slice(0, 7),
        change: 'left',
        reasons: ['serious_list_removed'],
      },
    },
  ];
}

/** The first register entity (by index) the random world makes red beyond doubt, preferring a 优 rating. */
function redCandidate(world: World): Entity | undefined {
  const A = world.asOf;
  const named = new Set<number>();
  for (const r of [...world.penalties, ...world.courtCases, ...world.lists, ...world.commitments])
    if (r.subject.entityIdx !== null) named.add(r.subject.entityIdx);
  const latestTax = new Map<number, { year: number; grade: string }>();
  for (const t of world.taxGrades) {
    if ((t.evaluated ?? `${t.year + 1}-04-01`) > A) continue;
    const prev = latestTax.get(t.entityIdx);
    if (!prev || t.year >= prev.year) latestTax.set(t.entityIdx, t);
  }
  const ratings = new Map<number, string[]>();
  for (const r of world.ratings) ratings.set(r.entityIdx, [...(ratings.get(r.entityIdx) ?? []), r.grade]);
  const ok = (e: Entity) =>
    e.inRegister &&
    (e.status === '存续' || e.status === '在业') &&
    e.utilities === undefined &&
    !named.has(e.idx) &&
    latestTax.get(e.idx)?.grade === 'A' &&
    (ratings.get(e.idx) ?? []).every((g) => g === '优' || g === '良');
  const clean = world.entities.filter(ok);
  return clean.find((e) => (ratings.get(e.idx) ?? []).includes('优')) ?? clean[0];
}
