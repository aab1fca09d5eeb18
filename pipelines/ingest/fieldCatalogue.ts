/**
 * The contracts as the mapping file and the 表头映射 page see them (lib/headerMappings/catalogue.ts), and
 * the contract one file is read with: its source's contract with the office's mapped headers added as
 * aliases of their fields.
 */
import type { CatalogueField, FieldCatalogue, FieldKind } from '../../lib/headerMappings/catalogue.js';
import { mappedHeaders, type HeaderMappings } from '../../lib/headerMappings/file.js';
import { CONTRACTS } from './contracts/index.js';
import type { FieldSpec, SourceContract } from './contracts/types.js';

const kindOf = (f: FieldSpec): FieldKind =>
  f.type === 'uscc' || f.type === 'docno' || f.type === 'date' ? f.type : 'other';

/**
 * sources.md: an unknown header naming "a USCC, a 文书号 or a ★ date" refuses the file. The USCC is the
 * subject's (every source names it `uscc`); an authority's or department's USCC is not a key field.
 */
export const isKeyField = (f: FieldSpec): boolean =>
  f.name === 'uscc' || f.type === 'docno' || (f.type === 'date' && f.required === 'blocking');

function catalogueField(f: FieldSpec): CatalogueField {
  return {
    name: f.name,
    header: f.header,
    known: [f.header, ...(f.aliases ?? [])],
    kind: kindOf(f),
    key: isKeyField(f),
  };
}

export const FIELD_CATALOGUE: FieldCatalogue = Object.fromEntries(
  Object.values(CONTRACTS).map((c) => [c.source, { title: c.title, fields: c.fields.map(catalogueField) }]),
);

/** The contract a file is read with: the mapping's headers for this file become aliases of their fields. */
export function contractForFile(contract: SourceContract, mappings: HeaderMappings, fileName: string): SourceContract {
  const mapped = mappedHeaders(mappings, contract.source, fileName);
  if (mapped.size === 0) return contract;
  const extra = new Map<string, string[]>();
  for (const [header, field] of mapped) extra.set(field, [...(extra.get(field) ?? []), header]);
  return {
    ...contract,
    fields: contract.fields.map((f) =>
      extra.has(f.name) ? { ...f, aliases: [...(f.aliases ?? []), ...extra.get(f.name)!] } : f,
    ),
  };
}
