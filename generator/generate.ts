import { mkdirSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { paths } from '../lib/dataDir.js';
import { Rng } from './prng.js';
import type { DirtRates } from './dirt.js';
import { townshipCodes } from './reference.js';
import { removedListCase } from './world/plantedLists.js';
import { buildWorld } from './world/build.js';
import { utilitiesOf } from './world/utilities.js';
import { deliverFeed, newLog, resetFileSeq, type Feed } from './delivery/deliver.js';
import { penaltyFeed, type PenaltyStyle } from './delivery/penaltyFeed.js';
import { licenseFeed } from './delivery/licenseFeed.js';
import { otherFeeds, registerRows } from './delivery/feeds.js';
import { deliverFullSnapshots } from './delivery/fullSnapshots.js';
import { deliverRefusedFile } from './delivery/refusedFile.js';
import { writeAnswerKey } from './answers/answerKey.js';
import { LICENSING } from './authorities.js';
import { makeUscc } from './ids.js';
import { releaseMemory } from './memory.js';
import type { Penalty, UtilityRecord, World } from './world/types.js';

/** Scales generated as one world in one pass; the province is sharded (province.ts). */
export const SCALES = { tiny: 1_500, county: 20_000, city: 500_000 } as const;
export type Scale = keyof typeof SCALES;

/**
 * Months of utility and tax-payment history: a city's systems deliver six years, a county's two.
 * Only the trailing year enters the indicators, so this changes volume, not the answers' shape.
 */
const UTILITY_MONTHS: Record<Scale, number> = { tiny: 24, county: 24, city: 72 };

/** How big one world is and where its identifiers start (a shard of a province starts past the others'). */
export interface WorldSize {
  entities: number;
  utilityMonths: number;
  /** Added to the index behind every USCC and identity number, so shards never share one. */
  idBase: number;
}

export interface GenerateOptions {
  scale: Scale;
  seed: number;
  asOf: string;
  out: string;
  dirt: DirtRates;
  progress: (message: string) => void;
  /** The demo's county: planted boundary cases named like the rest (issue 18 item 17); tests keep the fixture names. */
  believableNames?: boolean;
}

export interface GenerateSummary {
  entities: number;
  rows: number;
  files: number;
  quarantined: number;
  answerKeys: string[];
}

export async function generate(opts: GenerateOptions): Promise<GenerateSummary> {
  const { scale, ...rest } = opts;
  return generateWorld({
    ...rest,
    label: scale,
    size: { entities: SCALES[scale], utilityMonths: UTILITY_MONTHS[scale], idBase: 0 },
  });
}

export interface WorldGenerateOptions extends Omit<GenerateOptions, 'scale'> {
  /** What progress calls the world ("city", "shard 7/50"). */
  label: string;
  size: WorldSize;
}

/** One world, its inbox and its answer key, written under `opts.out`. */
export async function generateWorld(opts: WorldGenerateOptions): Promise<GenerateSummary> {
  if (existsSync(opts.out) && readdirSync(opts.out).length > 0) {
    for (const sub of [paths.inbox(opts.out), paths.answerKey(opts.out)]) rmSync(sub, { recursive: true, force: true });
  }
  mkdirSync(opts.out, { recursive: true });
  resetFileSeq();
  const regions = townshipCodes();
  opts.progress(
    `building a ${opts.label} world (${opts.size.entities} entities, seed ${opts.seed}, as-of ${opts.asOf})`,
  );
  const { world, planted } = buildWorld({
    seed: opts.seed,
    asOf: opts.asOf,
    entities: opts.size.entities,
    regions,
    dirt: opts.dirt,
    utilityMonths: opts.size.utilityMonths,
    idBase: opts.size.idBase,
    believableNames: opts.believableNames,
  });
  opts.progress(`world built: ${world.penalties.length} penalties, ${world.licenses.length} licences`);
  const rng = new Rng(opts.seed, 99);
  const log = newLog();
  const authorityUscc = new Map<string, string>();
  const authorities = [...new Set([...world.penalties.map((p) => p.authority), ...LICENSING])].sort();
  for (const [i, p] of authorities.entries()) authorityUscc.set(p, makeUscc('11', '350205', 90_000_000 + i));
  // Three generations of headers, by department: Chinese names, current national codes, ≈2016 codes.
  const split = <T extends { authority: string }>(records: readonly T[], cf: string, old: string) =>
    [
      records.filter((r) => r.authority !== cf && r.authority !== old),
      records.filter((r) => r.authority === cf),
      records.filter((r) => r.authority === old),
    ] as const;
  const [zhAll, cf, old] = split(world.penalties, '厦门市交通运输局', '海沧海关');
  const [lzhAll, lxk, lold] = split(world.licenses, '厦门市交通运输局', '厦门市海沧区卫生健康局');
  // Real templates too (issue 17): two departments deliver on the 双公示 template (one spelling each), one on
  // the provincial platform's code schema that the shipped header-mappings.yaml maps, and the market
  // regulator's licences come on the licence template.
  const of = <T extends { authority: string }>(records: readonly T[], authority: string) =>
    records.filter((r) => r.authority === authority);
  const reshaped = ['厦门市海沧区城市管理局', '厦门市海沧区消防救援大队', '厦门市海沧生态环境局'];
  const zh = zhAll.filter((r) => !reshaped.includes(r.authority));
  const lzh = lzhAll.filter((r) => r.authority !== '厦门市海沧区市场监督管理局');
  const penalties = (records: readonly Penalty[], style: PenaltyStyle, label: string, fork: string) =>
    penaltyFeed(world, records, style, label, authorityUscc, rng.fork(fork), opts.dirt);
  // Each feed is typed by its own record; the loop only drives them, hence the widening.
  const feeds = [
    penalties(zh, 'zh', '行政处罚', 'pen-zh'),
    penalties(cf, 'cf', '交通运输行政处罚', 'pen-cf'),
    penalties(old, 'cf_old', '海关行政处罚', 'pen-old'),
    penalties(of(zhAll, reshaped[0]!), 'national', '城市管理行政处罚', 'pen-national'),
    penalties(of(zhAll, reshaped[1]!), 'national_full', '消防行政处罚', 'pen-national-full'),
    penalties(of(zhAll, reshaped[2]!), 'province', '生态环境行政处罚', 'pen-province'),
    licenseFeed(world, lzh, 'zh', '行政许可', authorityUscc, rng.fork('lic-zh'), opts.dirt),
    licenseFeed(world, lxk, 'xk', '交通运输行政许可', authorityUscc, rng.fork('lic-xk'), opts.dirt),
    licenseFeed(world, lold, 'xk_old', '卫生健康行政许可', authorityUscc, rng.fork('lic-old'), opts.dirt),
    licenseFeed(
      world,
      of(lzhAll, '厦门市海沧区市场监督管理局'),
      'national',
      '市场监管行政许可',
      authorityUscc,
      rng.fork('lic-national'),
      opts.dirt,
    ),
  ] as unknown as Feed<object>[];
  for (const f of feeds) {
    await deliverFeed(opts.out, f, rng.fork(f.label), opts.dirt, world.start, world.asOf, log);
    releaseMemory();
    opts.progress(`${f.source}: ${f.label} delivered (${log.rows} rows so far)`);
  }
  const register = registerRows(world, rng.fork('register'), opts.dirt);
  const others = otherFeeds(world, register, allUtilities(world), rng.fork('other'), opts.dirt);
  for (const f of others) {
    await deliverFeed(opts.out, f, rng.fork(f.label), opts.dirt, world.start, world.asOf, log);
    releaseMemory();
    opts.progress(`${f.source}: delivered (${log.rows} rows so far)`);
  }
  const plantedUsccs = new Set(planted.flatMap((c) => c.usccs));
  planted.push(...(await deliverFullSnapshots(opts.out, world, others, log, rng.fork('full-snapshots'), plantedUsccs)));
  planted.push(...removedListCase(world));
  releaseMemory();
  opts.progress('full snapshots delivered');
  const refused = [await deliverRefusedFile(opts.out, world, rng.fork('refused'), log)];
  const keys = writeAnswerKey(opts.out, world, register, log, planted, refused, (m) => {
    releaseMemory();
    opts.progress(m);
  });
  opts.progress(`answer key written: ${keys.join(', ')}`);
  return {
    entities: world.entities.length,
    rows: log.rows,
    files: log.files.length,
    quarantined: log.quarantine.length,
    answerKeys: keys,
  };
}

/** Utility records are re-derived per entity whenever they are read, never held (utilities.ts). */
function allUtilities(world: World): Iterable<UtilityRecord> {
  return {
    *[Symbol.iterator]() {
      for (const e of world.entities) yield* utilitiesOf(world.seed, e, world.asOf, world.utilityMonths);
    },
  };
}
