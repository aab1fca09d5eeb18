/**
 * The unknown headers seen, as the office reviews them (the 表头映射 page and `sentinel headers`): each
 * with its files and departments, samples, the proposed field, and whether the mapping file now maps it
 * for the latest file that sent it. Pending ones first, refused files' before the others.
 */
import type { FieldCatalogue } from './catalogue.js';
import { mappedHeaders, type HeaderMappings } from './file.js';
import { headerKey } from './headerKey.js';
import type { HeadersSeen, SeenFile } from './seen.js';

export interface ReviewedHeader {
  source: string;
  sourceTitle: string;
  header: string;
  samples: string[];
  /** The proposed field's sources.md header, with the reason. */
  proposal: { field: string; header: string; basis: 'values' | 'name'; why: string; key: boolean } | null;
  files: SeenFile[];
  departments: string[];
  /** Files of the latest sightings that were refused (they stay in the inbox until mapped). */
  refused: number;
  /** The field it is mapped to now (by the mapping file, or built in since), or null while pending. */
  mappedTo: string | null;
  lastSeen: string;
}

const fieldHeader = (catalogue: FieldCatalogue, source: string, name: string) =>
  catalogue[source]?.fields.find((f) => f.name === name)?.header ?? name;

export function reviewHeaders(seen: HeadersSeen | null, mappings: HeaderMappings): ReviewedHeader[] {
  if (!seen) return [];
  const { catalogue } = seen;
  const rows = seen.headers.map((h): ReviewedHeader => {
    const key = headerKey(h.header);
    const latest = h.files[0]?.file ?? '';
    const builtIn = catalogue[h.source]?.fields.find((f) => f.known.some((k) => headerKey(k) === key));
    const mapped = mappedHeaders(mappings, h.source, latest).get(key);
    const p = h.proposal;
    const field = p ? catalogue[h.source]?.fields.find((f) => f.name === p.field) : undefined;
    return {
      source: h.source,
      sourceTitle: catalogue[h.source]?.title ?? h.source,
      header: h.header,
      samples: h.samples,
      proposal: p
        ? {
            field: p.field,
            header: fieldHeader(catalogue, h.source, p.field),
            basis: p.basis,
            why: p.why,
            key: !!field?.key,
          }
        : null,
      files: h.files,
      departments: [...new Set(h.files.flatMap((f) => f.departments))],
      refused: h.files.filter((f) => f.status === 'refused').length,
      mappedTo: mapped ? fieldHeader(catalogue, h.source, mapped) : builtIn ? builtIn.header : null,
      lastSeen: h.last_seen,
    };
  });
  const rank = (r: ReviewedHeader) => (r.mappedTo !== null ? 2 : r.refused > 0 ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b) || (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0));
}
