/** What the scanned and the indexed search pages share: the columns of a hit, and how deep one pass goes. */
import type { SearchHit } from './query.js';

/** What a hit shows, from entity_search as s. */
export const HIT_COLUMNS = `s.uscc, s.name, s.former_names, s.former_names_norm, s.registration_status, s.is_active,
  s.region_code, s.lists, s.flags`;

/**
 * Pages up to this deep come from one pass over the matches keeping the first offset + limit order keys
 * (rank and name_order in one BIGINT) in a bounded heap; deeper ones sort every hit.
 */
export const HEAP_MAX = 10_000;

/** A page's row as the statements return it: the hit, its rank, and the count of all hits. */
export type PageRow = Omit<SearchHit, 'matched_by' | 'former_names'> & {
  rank: number;
  former_names: string[];
  former_names_norm: string[];
  total: number;
};
