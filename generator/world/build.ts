import { Rng } from '../prng.js';
import { buildAuthorities } from '../authorities.js';
import { makeUscc } from '../ids.js';
import type { DirtRates } from '../dirt.js';
import { addDays } from '../../lib/dates.js';
import { buildEntities, isActive } from './entities.js';
import { buildPenalties, type PenaltyContext } from './penalties.js';
import { buildCourtCases, buildListEntries } from './lists.js';
import { buildCommitments, buildLicenses, buildRatings, buildTaxGrades } from './records.js';
import { buildProjects } from './projects.js';
import { buildObjections, buildRepairs } from './followups.js';
import { plantCases, type PlantedCase } from './planted.js';
import type { World } from './types.js';
import { internWorld } from './intern.js';

export interface WorldOptions {
  seed: number;
  asOf: string;
  entities: number;
  regions: readonly string[];
  dirt: DirtRates;
  utilityMonths: number;
  /** Offset of every USCC and identity-number index (0 for a single world; a shard's own range in a province). */
  idBase?: number;
  /** The demo's: planted cases get believable names (planted.ts); the test worlds keep the fixture names. */
  believableNames?: boolean;
}

export interface BuiltWorld {
  world: World;
  planted: PlantedCase[];
}

/** History covered by the delivered records: three years before as-of. */
export const HISTORY_DAYS = 1095;

export function buildWorld(opts: WorldOptions): BuiltWorld {
  const root = new Rng(opts.seed);
  const start = addDays(opts.asOf, -HISTORY_DAYS);
  let id = 0;
  const nextId = () => ++id;
  const authorities = buildAuthorities((i) => makeUscc('11', '350205', 90_000_000 + i));
  const { entities, persons } = buildEntities(
    root.fork('entities'),
    opts.entities,
    opts.regions,
    opts.asOf,
    opts.idBase ?? 0,
  );
  const pctx: PenaltyContext = {
    rng: root.fork('penalties'),
    authorities,
    dirt: opts.dirt,
    start,
    asOf: opts.asOf,
    docSeq: new Map(),
    nextId,
  };
  const penalties = buildPenalties(pctx, entities, persons);
  const lctx = { rng: root.fork('lists'), dirt: opts.dirt, start, asOf: opts.asOf, nextId };
  // Court and list entries fall more often on entities that already have penalties.
  const punished = new Set(penalties.map((p) => p.subject.entityIdx).filter((x): x is number => x !== null));
  const troubled = entities.filter((e) => (punished.has(e.idx) ? lctx.rng.chance(0.12) : lctx.rng.chance(0.01)));
  const courtCases = buildCourtCases(lctx, troubled, persons);
  const lists = [
    ...buildListEntries(
      lctx,
      'serious',
      entities.filter((e) => e.kind !== '个体工商户' && lctx.rng.chance(punished.has(e.idx) ? 0.03 : 0.002)),
    ),
    ...buildListEntries(
      lctx,
      'attention',
      entities.filter(() => lctx.rng.chance(0.05)),
    ),
  ];
  const rctx = { rng: root.fork('records'), dirt: opts.dirt, start, asOf: opts.asOf, nextId };
  const licenses = buildLicenses(rctx, entities);
  const commitments = buildCommitments(rctx, entities);
  const taxGrades = buildTaxGrades(rctx, entities);
  const ratings = buildRatings(rctx, entities);
  const candidates = entities.filter(
    (e) => ['E', 'K', 'L', 'M', 'N'].includes(e.section) && e.kind === '企业' && isActive(e),
  );
  const prng = root.fork('projects');
  const projects =
    candidates.length > 0
      ? buildProjects(prng, Math.max(3, Math.round(opts.entities / 330)), candidates, opts.regions, start, opts.asOf)
      : [];
  const frng = root.fork('followups');
  const repairs = buildRepairs(frng, penalties, lists, opts.asOf, nextId);
  const objections = buildObjections(frng, penalties, opts.asOf, nextId);
  const world: World = {
    seed: opts.seed,
    asOf: opts.asOf,
    start,
    utilityMonths: opts.utilityMonths,
    persons,
    entities,
    penalties,
    licenses,
    courtCases,
    lists,
    commitments,
    taxGrades,
    ratings,
    projects,
    repairs,
    objections,
    screening: [],
  };
  const plantRng = root.fork('planted');
  // Forked after every other stream, and only for the demo, so a test world's draws are unchanged.
  const believableNames = opts.believableNames ? root.fork('planted-names') : undefined;
  const planted = plantCases(world, {
    rng: plantRng,
    believableNames,
    authorities,
    regions: opts.regions,
    nextId,
    docSeq: pctx.docSeq,
    idBase: opts.idBase ?? 0,
  });
  if (opts.believableNames) distinctProjectNames(world);
  internWorld(world);
  return { world, planted };
}

/** The demo's projects: a name two projects share gets its section number (一标段, 二标段), as real tenders do. */
function distinctProjectNames(world: World): void {
  const seen = new Map<string, number>();
  const SECTIONS = '一二三四五六七八九十';
  for (const p of world.projects) {
    const n = (seen.get(p.name) ?? 0) + 1;
    seen.set(p.name, n);
    if (n > 1) p.name = `${p.name.replace(/项目$/, '')}（${SECTIONS[(n - 1) % 10]}标段）项目`;
  }
}
