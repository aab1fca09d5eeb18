import type { SourceContract, Unit } from './contracts/types.js';
import { normaliseHeader } from '../../lib/headerMappings/headerKey.js';

// Header matching ignores surrounding spaces, full-width vs half-width brackets and letters (NFKC), and a
// unit suffix in brackets — but the unit is read (sources.md). The mapping file compares headers alike.
export { normaliseHeader, type HeaderKey } from '../../lib/headerMappings/headerKey.js';

export interface MappedColumn {
  /** Position of the column in the delivered header. */
  index: number;
  header: string;
  field: string | null;
  unit: Unit | null;
}

export interface HeaderMapping {
  columns: MappedColumn[];
  /** Distinct contract fields the header names. */
  matched: number;
  unknown: string[];
}

const lookups = new WeakMap<SourceContract, Map<string, string>>();

function lookupFor(contract: SourceContract): Map<string, string> {
  let map = lookups.get(contract);
  if (!map) {
    map = new Map();
    for (const f of contract.fields) {
      for (const name of [f.header, ...(f.aliases ?? [])]) {
        const { key } = normaliseHeader(name);
        if (map.has(key) && map.get(key) !== f.name)
          throw new Error(`header ${name} maps to two fields of ${contract.source}`);
        map.set(key, f.name);
      }
    }
    lookups.set(contract, map);
  }
  return map;
}

export function mapHeaders(contract: SourceContract, headers: readonly (string | null)[]): HeaderMapping {
  const lookup = lookupFor(contract);
  const columns = headers.map((h, index) => {
    const { key, unit } = normaliseHeader(h ?? '');
    return { index, header: h ?? '', field: key ? (lookup.get(key) ?? null) : null, unit };
  });
  const matched = new Set(columns.filter((c) => c.field).map((c) => c.field)).size;
  const unknown = columns.filter((c) => !c.field && c.header.trim() !== '').map((c) => c.header);
  return { columns, matched, unknown };
}

/** Header names made unique (a repeated name gets `#2`, `#3` …) so raw rows can be shown as objects. */
export function uniqueHeaders(headers: readonly (string | null)[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    const base = h === null || h === '' ? `列${i + 1}` : h;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}
