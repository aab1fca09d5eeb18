/** The violators filter: read from the query string, and written back for the page's links and cache keys. */
import { CODE, DATE, oneOf, text } from './pageQuery.js';
import { KINDS, sortable, VIOLATOR_KINDS, type ViolatorFilter } from '../../dashboards/violators/query.js';

export function violatorFilter(query: Record<string, unknown>): ViolatorFilter {
  const kind = oneOf(query, 'kind', VIOLATOR_KINDS, 'repeat');
  const sort = oneOf(query, 'sort', sortable(kind), KINDS[kind].defaultSort);
  return {
    kind,
    domain: text(query, 'domain', CODE),
    department: text(query, 'department'),
    township: text(query, 'township', /^\d{6,12}$/),
    sector: text(query, 'sector', /^[A-Z]$/),
    from: text(query, 'from', DATE),
    to: text(query, 'to', DATE),
    sort,
    desc: oneOf(query, 'dir', ['asc', 'desc'], 'desc') === 'desc',
  };
}

export function filterQuery(f: ViolatorFilter): Record<string, string | null> {
  return {
    kind: f.kind,
    domain: f.domain,
    department: f.department,
    township: f.township,
    sector: f.sector,
    from: f.from,
    to: f.to,
    sort: f.sort,
    dir: f.desc ? 'desc' : 'asc',
  };
}
