import { mkdirSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from './prng.js';
import type { DirtRates } from './dirt.js';
import { townshipCodes } from './reference.js';
import { buildWorld } from './world/build.js';
import { utilitiesOf } from './world/utilities.js';
import { deliverFeed, newLog, resetFileSeq, type DeliveryLog } from './delivery/deliver.js';
import { penaltyFeed } from './delivery/penaltyFeed.js';
import { otherFeeds, registerRows } from './delivery/feeds.js';
import { buildIdentity, countedEvents } from './answers/events.js';
import { activeSerious, crossDomainViolators, legalRepLinks, persistentViolators, repeatViolators } from './answers/flags.js';
import { writeAnswer } from './answers/write.js';
import { makeUscc } from './ids.js';
import type { UtilityRecord } from './world/types.js';

export const SCALES = { tiny: 1_500, county: 20_000, city: 500_000, province: 5_000_000 } as const;
export type Scale = keyof typeof SCALES;

export interface GenerateOptions {
  scale: Scale;
  seed: number;
  asOf: string;
  out: string;
  dirt: DirtRates;
  progress: (message: string) => void;
}

export interface GenerateSummary {
  entities: number;
  rows: number;
  files: number;
  quarantined: number;
  answerKeys: string[];
}

/** Datasets of interfaces.md the answer key does not cover yet (docs/generator.md says why). */
export const NOT_YET = ['key-project-risk', 'publicity-quality', 'indicators', 'sector-heatmap', 'warnings'] as const;

export async function generate(opts: GenerateOptions): Promise<GenerateSummary> {
  if (existsSync(opts.out) && readdirSync(opts.out).length > 0) {
    for (const sub of ['inbox', 'answer-key']) rmSync(join(opts.out, sub), { recursive: true, force: true });
  }
  mkdirSync(opts.out, { recursive: true });
  resetFileSeq();
  const regions = townshipCodes();
  opts.progress(`building a ${opts.scale} world (${SCALES[opts.scale]} entities, seed ${opts.seed}, as-of ${opts.asOf})`);
  const { world, planted } = buildWorld({ seed: opts.seed, asOf: opts.asOf, entities: SCALES[opts.scale], regions, dirt: opts.dirt });
  const rng = new Rng(opts.seed, 99);
  const log = newLog();
  const authorityUscc = new Map<string, string>();
  for (const [i, p] of [...new Set(world.penalties.map((p) => p.authority))].sort().entries()) authorityUscc.set(p, makeUscc('11', '350205', 90_000_000 + i));
  const old = world.penalties.filter((p) => p.authority === '海沧海关');
  const cf = world.penalties.filter((p) => p.authority === '厦门市交通运输局');
  const zh = world.penalties.filter((p) => p.authority !== '海沧海关' && p.authority !== '厦门市交通运输局');
  const feeds = [
    penaltyFeed(world, zh, 'zh', '行政处罚', authorityUscc, rng.fork('pen-zh'), opts.dirt),
    penaltyFeed(world, cf, 'cf', '交通运输行政处罚', authorityUscc, rng.fork('pen-cf'), opts.dirt),
    penaltyFeed(world, old, 'cf_old', '海关行政处罚', authorityUscc, rng.fork('pen-old'), opts.dirt),
  ];
  for (const f of feeds) {
    await deliverFeed(opts.out, f, rng.fork(f.label), opts.dirt, world.start, world.asOf, log);
    opts.progress(`penalties: ${f.label} delivered (${log.rows} rows so far)`);
  }
  const register = registerRows(world, rng.fork('register'), opts.dirt);
  const utilities: UtilityRecord[] = [];
  for (const e of world.entities) for (const u of utilitiesOf(opts.seed, e, world.asOf)) utilities.push(u);
  for (const f of otherFeeds(world, register, utilities, rng.fork('other'), opts.dirt)) {
    await deliverFeed(opts.out, f, rng.fork(f.label), opts.dirt, world.start, world.asOf, log);
    opts.progress(`${f.source}: delivered (${log.rows} rows so far)`);
  }
  const keys = writeAnswerKey(opts.out, world, register, log, planted);
  opts.progress(`answer key written: ${keys.join(', ')}`);
  return { entities: world.entities.length, rows: log.rows, files: log.files.length, quarantined: log.quarantine.length, answerKeys: keys };
}

function writeAnswerKey(out: string, world: ReturnType<typeof buildWorld>['world'], register: ReturnType<typeof registerRows>, log: DeliveryLog, planted: unknown[]): string[] {
  const id = buildIdentity(register, log);
  const events = countedEvents(world, log, id);
  const repeat = repeatViolators(events, id, world.asOf);
  const cross = crossDomainViolators(events, id, world.asOf);
  const flagged = new Set([...repeat.map((r) => r.uscc), ...cross.map((r) => r.uscc)]);
  const persistent = persistentViolators(world, events, id, flagged, log);
  const qualifying = new Set([...flagged, ...activeSerious(world, id, log)]);
  writeAnswer(out, world.asOf, 'repeat-violators', repeat);
  writeAnswer(out, world.asOf, 'cross-domain-violators', cross);
  writeAnswer(out, world.asOf, 'persistent-violators', persistent);
  writeAnswer(out, world.asOf, 'legal-rep-links', legalRepLinks(world, id, qualifying));
  writeAnswer(out, world.asOf, 'quarantine', log.quarantine.map((q) => ({ ...q })));
  const bySource: Record<string, number> = {};
  for (const q of log.quarantine) bySource[q.source] = (bySource[q.source] ?? 0) + 1;
  writeAnswer(out, world.asOf, 'planted_cases', {
    as_of: world.asOf,
    seed: world.seed,
    cases: planted,
    quarantine_by_source: bySource,
    not_in_answer_key: NOT_YET,
  });
  return ['repeat-violators', 'cross-domain-violators', 'persistent-violators', 'legal-rep-links', 'quarantine', 'planted_cases'];
}
