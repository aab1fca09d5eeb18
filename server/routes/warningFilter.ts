/** The warnings filter, read from the query string by the page and its export alike. */
import type { WarningFilter } from '../../dashboards/warnings/query.js';
import { CODE, text } from './pageQuery.js';

export function warningFilter(query: Record<string, unknown>): WarningFilter {
  return {
    kind: text(query, 'kind', CODE),
    level: text(query, 'level', CODE),
    status: text(query, 'status', CODE),
  };
}
