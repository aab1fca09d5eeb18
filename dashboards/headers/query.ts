/**
 * What the 表头映射 page reads: the unknown headers the ingest recorded (DIR/ingest/headers-seen.json,
 * never the warehouse, which an ingest may be writing) and the mapping file as it is now. A mapping
 * file with a mistake is shown as such, with every header pending, rather than failing the page.
 */
import { SentinelError } from '../../lib/errors.js';
import type { FieldCatalogue } from '../../lib/headerMappings/catalogue.js';
import { loadHeaderMappings, type HeaderMappings } from '../../lib/headerMappings/file.js';
import { reviewHeaders, type ReviewedHeader } from '../../lib/headerMappings/review.js';
import { readHeadersSeen } from '../../lib/headerMappings/seen.js';

export interface HeadersReview {
  rows: ReviewedHeader[];
  catalogue: FieldCatalogue;
  mappingFile: string;
  /** The mapping file's own error, when it has one (the next ingest stops with it too). */
  mappingError: string | null;
}

export function headersReview(dataDir: string, mappingFile: string): HeadersReview {
  const seen = readHeadersSeen(dataDir);
  const catalogue = seen?.catalogue ?? {};
  let mappings: HeaderMappings = { path: mappingFile, entries: [] };
  let mappingError: string | null = null;
  try {
    if (seen) mappings = loadHeaderMappings(mappingFile, catalogue);
  } catch (e) {
    if (!(e instanceof SentinelError)) throw e;
    mappingError = e.message;
  }
  return { rows: reviewHeaders(seen, mappings), catalogue, mappingFile, mappingError };
}
