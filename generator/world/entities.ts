import type { Rng } from '../prng.js';
import { SECTORS } from '../sectors.js';
import { makeUscc, makeIdNumber } from '../ids.js';
import { personName, companyName, shopName } from '../names.js';
import { addDays } from '../../lib/dates.js';
import type { Entity, MarketKind, Person, RegStatus } from './types.js';

export interface EntityPlan {
  entities: Entity[];
  persons: Person[];
}

const OTHER_DIVISIONS = ['350203', '350206', '350211', '350212', '350213'];

/**
 * Market entities by GB/T 4754 section, individual businesses the majority; each has a legal
 * representative, and about one person in thirty heads several entities (the links rules.md §5
 * looks for). Status over time: most survive, some are cancelled, revoked or moved out.
 */
export function buildEntities(
  rng: Rng,
  count: number,
  regions: readonly string[],
  asOf: string,
  idBase = 0,
): EntityPlan {
  const persons: Person[] = [];
  const entities: Entity[] = [];
  const usedNames = new Set<string>();
  const sectorWeights = SECTORS.map((s) => [s, s.share] as const);
  const newPerson = (): number => {
    const idx = persons.length;
    persons.push({ idx, name: personName(rng), idNumber: makeIdNumber(idBase + idx) });
    return idx;
  };
  // Serial entrepreneurs: a small pool of people who head several entities each.
  const serialReps: number[] = [];
  for (let i = 0; i < Math.max(4, Math.floor(count / 150)); i++) serialReps.push(newPerson());

  for (let idx = 0; idx < count; idx++) {
    const sector = rng.weighted(sectorWeights);
    const division = rng.pick(sector.divisions);
    const individual = rng.chance(sector.individualShare);
    const kind: MarketKind = individual
      ? '个体工商户'
      : rng.weighted<MarketKind>([
          ['企业', 0.93],
          ['农民专业合作社', sector.section === 'A' ? 0.3 : 0.005],
          ['社会组织', 0.03],
          ['事业单位', 0.02],
        ]);
    const inRegister = !rng.chance(0.03);
    const divisionCode = inRegister ? '350205' : rng.pick(OTHER_DIVISIONS);
    const usccKind = { 企业: '91', 个体工商户: '92', 农民专业合作社: '93', 社会组织: '51', 事业单位: '12', 机关: '11' }[
      kind
    ];
    const uscc = makeUscc(usccKind, divisionCode, idBase + idx + 1000);
    let name = individual ? shopName(rng, division.shop, 0) : companyName(rng, division.word, 0);
    // Individual businesses keep duplicate names (common in real registers); companies cannot.
    if (!individual) for (let serial = 2; usedNames.has(name); serial++) name = companyName(rng, division.word, serial);
    usedNames.add(name);
    const founded = addDays(asOf, -rng.int(30, 365 * 28));
    const r = rng.next();
    const status: RegStatus =
      r < 0.08 ? '注销' : r < 0.1 ? '吊销' : r < 0.11 ? '迁出' : rng.chance(0.3) ? '在业' : '存续';
    const digits = rng.chance(0.6) ? division.code + String(rng.int(10, 99)) : division.code;
    const industryCode = sector.section + digits;
    const repIdx = rng.chance(0.06) ? rng.pick(serialReps) : newPerson();
    entities.push({
      idx,
      uscc,
      name,
      formerName: !individual && rng.chance(0.02) ? companyName(rng, division.word, idx + 1) : null,
      kind,
      section: sector.section,
      industryCode,
      region: rng.pick(regions),
      founded,
      capitalWan: individual
        ? null
        : Math.round(
            rng.weighted([
              [10, 3],
              [50, 4],
              [100, 5],
              [500, 2],
              [1000, 1],
              [5000, 0.3],
            ]) *
              (0.5 + rng.next()) *
              100,
          ) / 100,
      status,
      repIdx,
      inRegister,
    });
  }
  return { entities, persons };
}

export function isActive(e: Entity): boolean {
  return e.status === '存续' || e.status === '在业';
}
