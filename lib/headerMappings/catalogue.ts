/**
 * The fields of each source as the mapping file, the proposals and the 表头映射 page need them: a
 * field's name, its sources.md header, every header the ingest already knows for it, and whether it is a
 * key field (the subject's USCC, a 文书号 or a ★ date: an unknown header meaning one refuses the file).
 * The ingest derives it from its contracts and records it beside the headers it saw
 * (lib/headerMappings/seen.ts), so the pages read it without importing the ingest.
 */
export type FieldKind = 'uscc' | 'docno' | 'date' | 'other';

export interface CatalogueField {
  name: string;
  header: string;
  /** Every header already accepted for it (its sources.md header and aliases), as delivered spellings. */
  known: string[];
  kind: FieldKind;
  key: boolean;
}

export interface SourceCatalogue {
  title: string;
  fields: CatalogueField[];
}

export type FieldCatalogue = Readonly<Record<string, SourceCatalogue>>;

/** A field named the way the office writes it (its sources.md header) or the way engineers do (its name). */
export function findField(source: SourceCatalogue, named: string): CatalogueField | null {
  const n = named.normalize('NFKC').replace(/\s+/g, '');
  return (
    source.fields.find((f) => f.name === n) ??
    source.fields.find((f) => f.header.normalize('NFKC').replace(/\s+/g, '') === n) ??
    null
  );
}
