import type { Rng } from '../prng.js';
import type { DirtRates } from '../dirt.js';
import { COURTS, LISTING } from '../authorities.js';
import { addDays } from '../../lib/dates.js';
import { dateIn, entitySubject, personSubject } from './subjects.js';
import type { CourtCase, Entity, ListEntry, Person } from './types.js';

export interface ListContext {
  rng: Rng;
  dirt: DirtRates;
  start: string;
  asOf: string;
  nextId: () => number;
}

/**
 * Court dishonest-debtor cases: a few percent of entities, more among those already in trouble;
 * about a third removed (paid up) before as-of; natural persons listed with their identity number.
 */
export function buildCourtCases(
  ctx: ListContext,
  troubled: readonly Entity[],
  persons: readonly Person[],
): CourtCase[] {
  const { rng } = ctx;
  const out: CourtCase[] = [];
  const seq = new Map<string, number>();
  const caseNo = (year: string, court: string): string => {
    const k = `${court}|${year}`;
    const n = (seq.get(k) ?? 0) + 1;
    seq.set(k, n);
    const code = court.includes('中级') ? '闽02执' : court.includes('思明') ? '闽0203执' : '闽0205执';
    return `（${year}）${code}${n}号`;
  };
  for (const e of troubled) {
    const published = dateIn(rng, ctx.start, ctx.asOf);
    const court = rng.weighted(COURTS.map((c, i) => [c, i === 0 ? 6 : 1] as const));
    out.push({
      id: ctx.nextId(),
      caseNo: caseNo(published.slice(0, 4), court),
      subject: entitySubject(rng, e, ctx.dirt),
      court,
      published,
      removed: rng.chance(0.35) ? laterOrNull(rng, published, ctx.asOf) : null,
      snapshotRemoved: null,
      idNumber: null,
    });
  }
  for (let i = 0; i < Math.ceil(troubled.length / 3); i++) {
    const p = rng.pick(persons);
    const published = dateIn(rng, ctx.start, ctx.asOf);
    out.push({
      id: ctx.nextId(),
      caseNo: caseNo(published.slice(0, 4), COURTS[0] as string),
      subject: personSubject(p),
      court: COURTS[0] as string,
      published,
      removed: null,
      snapshotRemoved: null,
      idNumber: p.idNumber,
    });
  }
  return out;
}

/** A removal date after `from`, on or before as-of, or null when there is no room. */
export function laterOrNull(rng: Rng, from: string, asOf: string): string | null {
  const d = addDays(from, rng.int(20, 400));
  return d <= asOf ? d : null;
}

/** Serious-dishonesty and key-attention (abnormal operation) entries, some removed. */
export function buildListEntries(
  ctx: ListContext,
  list: 'serious' | 'attention',
  subjects: readonly Entity[],
): ListEntry[] {
  const { rng } = ctx;
  const out: ListEntry[] = [];
  const seq = new Map<string, number>();
  for (const e of subjects) {
    const maker = rng.pick(LISTING[list]);
    const listed = dateIn(rng, addDays(ctx.start, -365), ctx.asOf);
    const year = listed.slice(0, 4);
    const n = (seq.get(maker.name + year) ?? 0) + 1;
    seq.set(maker.name + year, n);
    const removed = rng.chance(list === 'attention' ? 0.45 : 0.25) ? laterOrNull(rng, listed, ctx.asOf) : null;
    out.push({
      id: ctx.nextId(),
      list,
      subject: entitySubject(rng, e, ctx.dirt),
      type: maker.type,
      authority: maker.name,
      docNo: `${list === 'serious' ? '厦信认' : '厦海异'}〔${year}〕${n}号`,
      listed,
      removed,
      snapshotRemoved: null,
      reason: list === 'attention' ? '通过登记的住所或者经营场所无法联系' : '经认定存在严重失信行为',
    });
  }
  return out;
}
