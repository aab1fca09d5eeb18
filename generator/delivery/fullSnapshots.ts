import type { Rng } from '../prng.js';
import { addDays } from '../../lib/dates.js';
import { removedAt } from '../answers/state.js';
import type { PlantedCase } from '../world/planted.js';
import type { CourtCase, Entity, ListEntry, World } from '../world/types.js';
import type { DeliveryLog, Feed } from './deliver.js';
import { deliverSnapshot } from './snapshot.js';

const OMIT_SHARE = 0.08;

/**
 * One full snapshot per list source, ten days before as-of (moved off any incremental file's date so
 * delivery order is unambiguous), of one authority's entries. A few entries that were delivered
 * earlier and are still active are left out: the rules remove them as of the snapshot date, and the
 * world records that (snapshotRemoved) so the answer key follows.
 */
export async function deliverFullSnapshots(
  outDir: string,
  world: World,
  feeds: readonly Feed<object>[],
  log: DeliveryLog,
  rng: Rng,
  exclude: ReadonlySet<string>,
): Promise<PlantedCase[]> {
  const repaired = new Set(world.repairs.map((r) => r.docNo));
  const authorityOf = (e: ListEntry | CourtCase) => ('court' in e ? e.court : e.authority);
  // The planted entry's authority (so even a tiny world has the case), else the busiest one.
  const busiest = (entries: readonly (ListEntry | CourtCase)[]) => {
    const n = new Map<string, number>();
    for (const e of entries) n.set(authorityOf(e), (n.get(authorityOf(e)) ?? 0) + 1);
    return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
  };
  const plans = [
    { source: 'serious_list', entries: world.lists.filter((l) => l.list === 'serious') },
    { source: 'attention_list', entries: world.lists.filter((l) => l.list === 'attention') },
    { source: 'court_dishonest', entries: world.courtCases },
  ].map((p) => ({
    ...p,
    authority: p.entries.find((e) => e.omitFromSnapshot)
      ? authorityOf(p.entries.find((e) => e.omitFromSnapshot) as ListEntry | CourtCase)
      : busiest(p.entries),
  }));
  const cases: PlantedCase[] = [];
  for (const plan of plans) {
    const feed = feeds.find((f) => f.source === plan.source);
    if (!feed) continue;
    const taken = new Set(log.fileDates.get(plan.source) ?? []);
    let date = addDays(world.asOf, -10);
    while (taken.has(date)) date = addDays(date, -1);
    const ofAuthority = (e: ListEntry | CourtCase) => authorityOf(e) === plan.authority;
    const dated = (e: ListEntry | CourtCase) => ('court' in e ? e.published : e.listed);
    const active = plan.entries.filter((e) => {
      const removed = removedAt(e);
      return ofAuthority(e) && dated(e) <= date && (removed === null || removed > date) && log.facts.get(e)?.loaded;
    });
    const eligible = active.filter((e) => {
      const f = log.facts.get(e);
      const entity = e.subject.entityIdx !== null ? (world.entities[e.subject.entityIdx] as Entity) : null;
      return (
        entity !== null &&
        !exclude.has(entity.uscc) &&
        f !== undefined &&
        f.fileDate < date &&
        !repaired.has('docNo' in e ? e.docNo : '')
      );
    });
    const planted = active.filter((e) => e.omitFromSnapshot && (log.facts.get(e)?.fileDate ?? date) < date);
    const omitted = [...planted, ...eligible.filter(() => rng.chance(OMIT_SHARE))];
    const left = new Set<object>(omitted);
    const name = await deliverSnapshot(
      outDir,
      feed,
      active.filter((e) => !left.has(e)),
      date,
      rng,
      log,
    );
    for (const e of omitted) e.snapshotRemoved = date;
    cases.push({
      case: `full_snapshot_${plan.source}`,
      why:
        `${name} is a full snapshot of ${plan.authority}; ` +
        `${omitted.length} of its ${active.length} active entries are left out, so they are removed as of ${date}`,
      usccs: omitted.map((e) => (world.entities[e.subject.entityIdx as number] as Entity).uscc),
      expect: {
        source: plan.source,
        file: name,
        removed_as_of: date,
        removed: omitted.length,
        kept: active.length - omitted.length,
      },
    });
  }
  return cases;
}
