/**
 * The measures catalogue (联合奖惩措施, config `checks.measures`): which measures a checking department
 * applies to an entity, from its active list kinds and its flags, by the catalogue version in force on
 * the build's as-of.
 */
import type { Config } from '../../lib/config/schema.js';

type Catalogue = Config['checks']['measures']['versions'][number];

export interface AppliedMeasure {
  code: string;
  measure: string;
  basis: string;
  /** The entity's list kinds and flags that call for it, in the catalogue's order of kinds. */
  because: string[];
}

/** The version in force on `asOf`: the latest `from` on or before it (`from: null` covers every earlier date). */
export function catalogueAt(config: Readonly<Config>, asOf: string): Catalogue {
  const versions = config.checks.measures.versions;
  return versions.filter((v) => v.from === null || v.from <= asOf).at(-1) ?? versions[0]!;
}

/** Each measure once, in catalogue order, with the kinds of `kinds` that name it. */
export function measuresFor(catalogue: Catalogue, kinds: ReadonlySet<string>): AppliedMeasure[] {
  return catalogue.catalogue.flatMap((m) => {
    const because = m.kinds.filter((k) => kinds.has(k));
    return because.length ? [{ code: m.code, measure: m.measure, basis: m.basis, because }] : [];
  });
}
